"""Every knob of clean() in one frozen object, with documented defaults."""

from __future__ import annotations

from dataclasses import dataclass, fields

from .errors import OptionsError


@dataclass(frozen=True)
class Options:
    #: Captures larger than this (bytes, after decoding to UTF-8) are refused with InputError.
    max_input_bytes: int = 20 * 1024 * 1024
    #: Seconds one user-supplied pattern may spend on one line before it is abandoned.
    regex_timeout: float = 0.05
    #: Seconds one capture may take to clean before clean() gives up with TimeLimitError; 0: no
    #: limit. Loading the rule files is not counted. Enforced with a timer signal (SIGALRM), so only
    #: where one is available: POSIX, in the main thread, when no other timer is running. Elsewhere
    #: (threads, Windows) clean() runs without a limit; `cleaner clean` always has one.
    time_limit: float = 30.0
    #: Keep the title in ``paragraphs`` as well as in ``title``.
    include_title: bool = False
    #: Record every removal in Article.removed (costs a little memory on huge pages).
    record_removals: bool = True
    #: HTML only: ask trafilatura to prefer precision over recall.
    favor_precision: bool = False
    #: Restore text that was decoded twice before it reached us ("Kosovoâs" -> "Kosovo’s").
    repair_mojibake: bool = True

    @classmethod
    def from_kwargs(cls, **kwargs) -> Options:
        known = {f.name: f for f in fields(cls)}
        for key, value in kwargs.items():
            if key not in known:
                raise OptionsError(f"unknown option {key!r}; known options: {', '.join(sorted(known))}")
            default = known[key].default
            if isinstance(default, bool) and not isinstance(value, bool):
                raise OptionsError(f"option {key!r} must be true or false, not {value!r}")
            if isinstance(default, int | float) and not isinstance(default, bool):
                if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                    raise OptionsError(f"option {key!r} must be a non-negative number, not {value!r}")
        return cls(**kwargs)
