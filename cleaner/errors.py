"""One exception family, with messages a user can act on."""


class CleanerError(Exception):
    """Base of every error this library raises on purpose."""


class InputError(CleanerError):
    """The capture cannot be cleaned: too large, undecodable, or not a document."""


class TimeLimitError(InputError):
    """Cleaning the capture took longer than the time limit (option time_limit)."""


class RuleError(CleanerError):
    """A rule file is malformed. The message names the file, line and key."""

    def __init__(self, path, line: int | None, key: str | None, problem: str):
        self.path, self.line, self.key, self.problem = path, line, key, problem
        where = f"{path}:{line}" if line else f"{path}"
        what = f" [{key}]" if key else ""
        super().__init__(f"{where}:{what} {problem}")


class OptionsError(CleanerError):
    """An unknown or ill-typed option was passed to clean()."""


class UsageError(CleanerError):
    """A command was asked for something it cannot do: bad paths, conflicting flags, nothing to resume."""
