"""The generic heuristics: each answers one question about units of text and names its reason.

A heuristic has a short ``code`` (it appears in Article.removed and in ``cleaner explain``) and a
``flag(units)`` method returning, for each unit, whether it is boilerplate of its kind. Most look at
one line at a time; the widget and navigation ones also look at the neighbours, because a lone
"Bangalore" is only boilerplate when it sits between gold prices.

Their cases (lines each must and must not remove) live in tests/heuristic_cases/<code>.toml.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .function_words import STOPWORDS
from .patterns import CHANGE, CJK_RE, CJK_WORD_RE, CLOCK, CURRENCY, DAY_DATE, MONTH, NUMBER, WORD_RE
from .text_units import Unit, word_count_at_least

_TERMINAL = regex.compile(r"[.!?…。！？][\"'”’)\]]*\s*$")


# Reasons of units that are metadata (they sit between the headline and the first paragraph), and
# of furniture that ends a story (prose after it is a footer): the article run and the line model
# read them the same way.
METADATA_REASONS = frozenset({"byline", "updated-line", "dateline", "read-time", "title", "duplicate-title",
                              "site-meta"})
END_MARKERS = frozenset({"related-list", "tags", "copyright", "comments", "comment-thread", "newsletter"})


_TEXT = operator.attrgetter("text")


def texts_of(units: Sequence[Unit]) -> tuple[str, ...]:
    """The units' texts: the key under which the heuristics that share a pass cache it per capture."""
    return tuple(map(_TEXT, units))


# Lines longer than this are not cached: the cache holds 65,536 lines, and a batch of captures
# that are one huge line each would otherwise keep gigabytes alive (memory must stay flat).
_LONGEST_CACHED = 2000


def words_of(text: str) -> tuple[str, ...]:
    """The words of a line; the heuristics count them and the line model reads them, once."""
    return _cached_words(text) if len(text) <= _LONGEST_CACHED else _find_words(text)


@functools.lru_cache(maxsize=1 << 16)
def _cached_words(text: str) -> tuple[str, ...]:
    return _find_words(text)


def _find_words(text: str) -> tuple[str, ...]:
    # The pattern that splits Chinese and Japanese costs more: only their lines get it.
    if text.isascii() or not CJK_RE.search(text):
        return tuple(WORD_RE.findall(text))
    return tuple(CJK_WORD_RE.findall(text))


def word_count(text: str) -> int:
    # Every heuristic asks this of every line: the words are found once, through the cache.
    return len(words_of(text))


# The pattern's character sets, for the same test without a search: an end anchor makes regex try
# every position of the line, and every heuristic asks this of every line.
_WHITE_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u2028\u2029\u202f\u205f\u3000"  # regex's \s
_CLOSERS = "\"'”’)]"
_TERMINALS = frozenset(".!?…。！？")


def ends_sentence(text: str) -> bool:
    """Does text end with a sentence's punctuation, maybe closed by quotes or brackets? (_TERMINAL)"""
    return text.rstrip(_WHITE_SPACE).rstrip(_CLOSERS)[-1:] in _TERMINALS


@dataclass(frozen=True)
class Heuristic:
    code: str
    description: str

    def flag(self, units: Sequence[Unit]) -> list[bool]:
        raise NotImplementedError


def folded(text: str) -> str:
    """Lowercase text in which each letter a case-insensitive pattern reads as an ASCII letter is that letter.

    regex's IGNORECASE also reads 'ſ' as s, the Kelvin sign as k and 'İ' as i; str.lower() turns
    the Kelvin sign into k but leaves 'ſ' and makes 'İ' two characters, so those two are mapped.
    """
    low = text.lower()
    if "ſ" in low or "\u0307" in low:
        low = low.replace("ſ", "s").replace("i\u0307", "i")
    return low


@dataclass(frozen=True)
class PhraseHeuristic(Heuristic):
    """Boilerplate recognised by its wording, on lines short enough not to be prose about it."""

    pattern: regex.Pattern
    max_words: int = 25
    # Words (lowercase) one of which every match of the pattern contains: a line with none of them
    # is passed over without running the pattern. The unanchored patterns would otherwise be tried
    # at every position of nearly every line.
    needs: tuple[str, ...] = ()
    # A second wording that is the boilerplate however long the line ("This website uses cookies
    # to ..." opens a consent notice of 100 words), and the words it may run to.
    long_pattern: regex.Pattern | None = None
    long_max_words: int = 0

    def matches(self, text: str) -> bool:
        return _phrase_row(text)[_PHRASE_AT[self.code]]

    def matches_slowly(self, text: str) -> bool:
        """What matches() answers, read off the patterns without the shared table and its shortcuts."""
        words = word_count(text)
        long = self.long_pattern
        return words <= self.max_words and bool(self.pattern.search(text)) or (
            long is not None and words <= self.long_max_words and bool(long.search(text)))

    def flag(self, units):
        at = _PHRASE_AT[self.code]
        return list(map(operator.itemgetter(at), _phrase_hits(texts_of(units))))


def _phrase(code: str, description: str, pattern: str, max_words: int = 25,
            needs: tuple[str, ...] = (), long: tuple[str, int] | None = None) -> PhraseHeuristic:
    return PhraseHeuristic(code, description, regex.compile(pattern, regex.IGNORECASE), max_words, needs,
                           regex.compile(long[0], regex.IGNORECASE) if long else None, long[1] if long else 0)


_SEP = r"\s*[:|\-–—»›>.]?\s*"
# Photo agencies, as captions credit them: "(Jane Doe/AP)", "Jane Doe via Getty Images".
_AGENCY = r"(?:AP|AFP|Reuters|Getty\s*Images|EPA|Bloomberg|Shutterstock|iStock)"
# One tool of a story's tool bar: "E-mail this to a friend", "Print this story", "Printable version".
_TOOL = (r"(?:e-?mail|send|forward|print|save|share|recommend|refer)(?:\s*(?:this|the|a))?"
         r"(?:\s*(?:article|story|page|post|link|item|video))?(?:\s*to\s*(?:a\s*)?friends?)?"
         r"|tell\s*a\s*friend|print(?:er|able)?[\s-]*(?:friendly|version|format)(?:\s*(?:version|format|page))?|single\s*page"
         r"|order\s*reprints?|reprints?(?:\s*(?:&|and)\s*permissions)?"
         r"|(?:text|font)\s*size\s*:?(?:\s*(?:[sml]|xl|a|\+|-|[+-]a|a[+-])\b)*")

# "Read also" in the languages of the sites we clean: a lead-in before another story's headline.
_READ_ALSO = (
    r"(?:lea|lee|vea|mira|ver)\s*tambi[eé]n|(?:te|le)\s*puede\s*interesar|leer\s*m[aá]s|ver\s*m[aá]s|mire(?=\s*:)"
    r"|(?:à\s*)?lire\s*aussi|(?:à\s*)?voir\s*aussi|leggi\s*anche|vedi\s*anche|(?:leia|veja)\s*(?:tamb[eé]m|mais)"
    r"|(?:czytaj|zobacz)\s*(?:też|także|więcej)|lees\s*ook|læs\s*også|les\s*også|läs\s*(?:även|också)|lue\s*myös"
    r"|lesen\s*sie\s*(?:auch|mehr)|mehr\s*lesen|siehe\s*auch|(?:zum\s*)?weiterlesen|lesetipp|auch\s*interessant|mehr\s*zum\s*thema"
    r"|lea(?=\s*:)|puedes\s*ver(?=\s*:)"
)
# Headers of lists of other stories, beyond English: "Mehr Themen", "Notas relacionadas", "Lire aussi".
_MORE_STORIES = (
    r"(?:mehr|weitere|top|aktuelle)[\s-]*(?:aktuelle\s*)?(?:themen|artikel|beiträge|nachrichten|news)"
    r"(?:\s*(?:zum\s*thema|aus\s*\p{L}+(?:\s*\p{L}+)?|bei\s*.{1,30}|auf\s*.{1,30}))?"
    r"|(?:verwandte|ähnliche|empfohlene)\s*(?:artikel|beiträge|themen)"
    r"|(?:das|dieses?|diese)?\s*(?:thema|artikel|beiträge)?\s*könnten?\s*(?:dich|sie|euch)\s*(?:auch|ebenfalls)\s*interessieren"
    r"|mehr\s*zum\s*thema(?:\s*auf\s*.{1,30})?|auch\s*interessant|schon\s*gelesen|lesetipps?|meistgelesen"
    r"|(?:notas|noticias|art[ií]culos|temas|contenidos?)\s*relacionad[oa]s|contenido\s*relacionado"
    r"|m[aá]s\s*(?:noticias|informaci[oó]n|le[ií]d[oa]s)|lo\s*m[aá]s\s*le[ií]do|seguir\s*leyendo"
    r"|(?:tambi[eé]n\s*)?(?:te|le|les)\s*(?:puede|podr[ií]a)n?\s*interesar|(?:à\s*)?lire\s*aussi"
    r"|articles?\s*(?:similaires|connexes|li[eé]s)|vous\s*(?:aimerez|pourriez\s*aimer)\s*aussi"
    r"|sur\s*le\s*m[eê]me\s*sujet|(?:à\s*)?voir\s*aussi|les\s*plus\s*lus|articoli\s*correlati|leggi\s*anche"
    r"|potrebbe\s*interessarti|(?:leia|veja)\s*tamb[eé]m|not[ií]cias\s*relacionadas|mais\s*lidas"
    r"|(?:czytaj|zobacz)\s*(?:też|także)|podobne\s*artykuły|najczęściej\s*czytane|polecamy|lees\s*ook"
    r"|gerelateerde\s*artikelen|meer\s*nieuws|læs\s*også|les\s*også|läs\s*(?:även|också)|relaterade\s*artiklar"
    r"|lue\s*(?:myös|seuraavaksi)"
    # Chinese, Japanese and Korean: "相关阅读", "热门推荐", "関連記事", "人気記事", "관련기사"
    r"|相关(?:阅读|新闻|文章|报道|推荐|链接|资讯)|热门(?:推荐|文章|新闻|资讯|排行)|推荐阅读|延伸阅读|猜你喜欢"
    r"|精彩推荐|最新(?:文章|新闻|资讯)|関連(?:記事|ニュース)|人気の?記事|新着記事|おすすめ記事|最新記事"
    r"|あわせて読みたい|こちらもおすすめ|관련\s*기사|많이\s*본\s*(?:뉴스|기사)|인기\s*기사|추천\s*기사|최신\s*기사"
)

# Comment counters beyond English: "5 Kommentare", "Keine Kommentare", "Comentarios (3)".
_COMMENT_COUNT = (
    r"^(?:\d+|keine|no\s*hay|sin|aucun|pas\s*de|nessun|brak)\s*(?:kommentare?|comentarios?|commentaires?|commenti"
    r"|commento|komentarz[ey]?|reacties|reactie)\s*(?:\(.*\)|[/|].*)?$"
    r"|^(?:kommentare?|comentarios?|commentaires?)\s*(?:insgesamt\s*)?(?::\s*)?\(?\d+\)?$"
)

# The comment form of the common blog engines in other languages: its heading ("Schreibe einen
# Kommentar", "Laisser un commentaire"), its "your address will not be published" and its
# "required fields are marked" notes.
_COMMENT_FORM = (
    r"^(?:schreibe\s*einen\s*kommentar|hinterlasse\s*(?:einen\s*kommentar|eine\s*antwort)|kommentar\s*(?:verfassen|schreiben)"
    r"|antworten\s*abbrechen|laisser\s*un\s*commentaire|laisser\s*une\s*r[ée]ponse|d[eé]ja(?:r)?\s*(?:un\s*comentario|una\s*respuesta)"
    r"|lascia\s*un\s*commento|lascia\s*una\s*risposta|deixe\s*(?:um\s*coment[aá]rio|uma\s*resposta)|geef\s*een\s*reactie"
    r"|laat\s*een\s*reactie\s*achter|(?:dodaj|zostaw)\s*komentarz)\s*[.:!]?$"
    r"|^(?:deine|ihre|votre|tu|su|il\s*tuo|o\s*seu|seu|je|uw|tw[oó]j)\s*(?:e-?mail|adresse|direcci[oó]n|indirizzo|endere[cç]o|adres)"
    r".{0,40}\b(?:wird\s*nicht\s*ver[öo]ffentlicht|ne\s*sera\s*pas\s*publi[ée]e|no\s*ser[aá]\s*publicad[ao]"
    r"|non\s*sar[aà]\s*pubblicat[oa]|n[aã]o\s*ser[aá]\s*publicad[oa]|wordt\s*niet\s*gepubliceerd|nie\s*zostanie\s*opublikowany)"
    r"|^(?:erforderliche\s*felder\s*sind|les\s*champs\s*obligatoires\s*sont|los\s*campos\s*obligatorios\s*est[aá]n"
    r"|i\s*campi\s*obbligatori\s*sono|(?:os\s*)?campos\s*obrigat[oó]rios\s*s[aã]o|vereiste\s*velden\s*zijn|wymagane\s*pola\s*s[aą])\b"
)

# Words by which a notice speaks to the reader or for the site ("your settings", "wir", "Ihre",
# "vous", "nuestra"). German's formal "Sie" is told from "sie" (they) by its capital inside a sentence.
_ADDRESS = (
    r"(?:\b(?:we|us|our|you|your|wir|uns|unsere?[nmrs]?|du|dich|dir|dein\w*|nous|notre|nos|vous|votre|vos"
    r"|nosotros|nuestr[oa]s?|usted(?:es)?|tu|tus|noi|nostr[oaie]|voi|vostr[oaie]|wij|onze|jij|jouw|uw"
    r"|nasz\w*|pa[ńn]stw\w*)\b|(?-i:\bIhr(?:e[nmrs]?)?\b|\bIhnen\b|(?<=\p{Ll},?\s)Sie\b))"
)

# "All rights reserved" in German, Spanish, French, Italian and Polish.
_RIGHTS_RESERVED = (r"(?:alle\s*rechte\s*vorbehalten|todos\s*los\s*derechos\s*reservados|tous\s*droits\s*r[ée]serv[ée]s"
                    r"|tutti\s*i\s*diritti\s*riservati|wszelkie\s*prawa\s*zastrze[żz]one)")

PHRASES: tuple[PhraseHeuristic, ...] = (
    _phrase("more-less", "expand/collapse controls: MoreLess, Show more, View all",
            r"^(?:more\s*less|less\s*more|show\s*(?:more|less)|see\s*(?:more|all)|view\s*(?:more|all)|load\s*more"
            r"|expand|collapse|read\s*less)\s*[.…›»>]*$", 4),
    _phrase("source-link", "syndication footers: Source link, Source: X",
            r"^(?:source\s*link|original\s*(?:source|article)|source\s*:\s*\S.*|via\s*:\s*\S.*|sources?)$", 8),
    _phrase("tags", "tag and topic lists, and the blog footer that names them",
            r"^(?:tags?|topics?|tagged(?:\s*with)?|filed\s*under|keywords?"
            r"|related\s*(?:topics|tags)|categor(?:y|ies)|标签|タグ|태그)\s*(?:[:：|]|$)"
            # the blog engine's footer under a post: "This entry was posted in News and tagged ..."
            r"|^(?:this\s*(?:entry|post)\s*was\s*posted\s*(?:in|on|by|under)\b"
            r"|dieser\s*(?:eintrag|beitrag)\s*wurde\s*(?:am\s*.{1,30}?\s*)?(?:in\s*.{1,60}?\s*)?"
            r"(?:veröffentlicht|gepostet|abgelegt)(?=\s*(?:$|[.]|in\b|unter\b|von\b|und\s*verschlagwortet)))", 40),
    _phrase("share", "share bars and prompts: Share, Facebook, Copy link, Was this article helpful?",
            r"^(?:(?:share(?:\s*(?:this|on|via|the|article|story|post|page))*|facebook|twitter|x|whatsapp|linkedin"
            r"|telegram|reddit|pinterest|e-?mail|print|copy(?:\s*link)?|link\s*copied|tweet|pin(?:\s*it)?"
            r"|messenger|flipboard|gmail|sms|save(?:\s*article)?|bookmark|comments?|permalink|\d+)\s*[|,/·•:]?\s*)+$"
            r"|^click\s*to\s*(?:share|email|print|tweet)\b.{0,60}$|^share\s*(?:this|on|via)?\s*:$"
            r"|^(?:teilen|teile\s*dies|partager|compartir|condividi|udost[eę]pnij|delen)\s*(?:mit|auf|sur|en|su|on|dit)?\s*:$"
            # the prompts under a story that ask the reader to rate or pass it on
            r"|^(?:(?:did\s*you\s*(?:like|enjoy|find)|was|liked)\s*this\s*(?:article|story|post)\s*(?:helpful|useful)?"
            r"|(?:war|ist)\s*(?:der|dieser)\s*(?:artikel|beitrag)\s*(?:nützlich|hilfreich|interessant)"
            r"|(?:hat|gefällt)\s*(?:ihnen|dir|euch)\s*(?:der|dieser|unser)\s*(?:artikel|beitrag)(?:\s*gefallen)?"
            r"|(?:artikel|beitrag)\s*gefallen|möchten\s*sie\s*(?:den|diesen)\s*(?:artikel|beitrag)\s*teilen"
            r"|teile\s*(?:diesen|den)\s*(?:artikel|beitrag)|empfiehl\s*(?:dies|diesen\s*(?:artikel|beitrag))\s*deinen\s*freunden"
            r"|¿?te\s*(?:gust[oó]|sirvi[oó])\s*(?:este|el)\s*art[ií]culo|cet\s*article\s*vous\s*a\s*(?:plu|été\s*utile))\b.{0,80}$", 14),
    # A line made of nothing but the story's tools, one or several: "Print This Article | Single Page".
    _phrase("article-tools", "article tool bars: E-mail this to a friend, Print this article, Single page",
            rf"^(?:(?:story|article|page)\s*tools\s*:?\s*)?(?:{_TOOL})(?:\s*[|:,/·•]?\s*(?:{_TOOL}))*\s*[.:!»›]*$"
            r"|^this\s*(?:story|article|page)\s*has\s*been\s*formatted\s*for\s*(?:easy\s*)?printing\b", 16),
    _phrase("read-more", "cross-links into other stories: Also Read, Read more, Continue reading",
            r"^[\[(]?(?:also\s*read|read\s*also|read\s*more|read(?:\s*on)?(?=\s*:)|see\s*more(?=\s*:)"
            r"|read\s*next|more\s*to\s*read|read\s*the\s*full\s*(?:story|article)"
            r"|continue\s*reading|see\s*also|also\s*see|also\s*watch|watch\s*(?:video|now|:)|click\s*to\s*read"
            r"|don'?t\s*miss|must\s*read|related(?:\s*(?:post|story|article|link|reading)s?)?\s*:|recommended\s*:|suggested\s*:"
            r"|explained\s*:|in\s*case\s*you\s*missed\s*it|" + _READ_ALSO + ")"
            r"(?:\s*[:|\-–—»›>]|\s*$|(?<=:)|\s*(?:…|\.(?:\s*\.)+)\s*$)", 30),
    _phrase("related-list", "headers of lists of other stories",
            r"^(?:related(?:\s*(?:news|stories|articles|coverage|posts|content|links|reads))?|recommended(?:\s*(?:for\s*you"
            r"|stories|reading|articles|videos))?|more\s*recommendations|you\s*(?:may|might)\s*(?:also\s*)?(?:like|enjoy)"
            r"|editor'?s?\s*picks?|trending(?:\s*(?:now|news|stories|topics|today))?|popular(?:\s*(?:now|stories|news"
            r"|articles|(?:in|on)\s*\p{L}+))?|most\s*(?:read|popular|viewed|shared|watched|commented)(?:\s*\p{L}+){0,3}"
            r"|top\s*(?:stories|news|headlines|picks)|latest\s*(?:news|stories|headlines|videos|updates)?"
            r"|more\s*(?:stories|news|videos|from\s*\p{L}+(?:\s*\p{L}+)?|in\s*\p{L}+(?:\s*\p{L}+)?)|up\s*next|what\s*to\s*read\s*next"
            r"|(?:people|readers)\s*also\s*(?:read|viewed)|around\s*the\s*web|from\s*(?:the\s*)?web|(?:news\s*)?highlights"
            r"|in\s*other\s*news|elsewhere(?:\s*on\s*\p{L}+)?|(?:top|latest)\s*videos?|web\s*stories|photos|videos|"
            + _MORE_STORIES + r")\s*(?:[:：.?!]|\.{3}|…)?$", 7,
            # "Latest in Sport:", "Related coverage from Money:": with the colon that opens the list.
            long=(r"^(?:latest|related\s*(?:news|stories|articles|coverage|posts))\s*(?:from|in)"
                  r"\s*[^.!?,;]{1,40}:$", 9)),
    _phrase("promo", "promotions of the site's own products",
            r"(?:^|\b)(?:get\s*instant\s*loan|download\s*(?:the|our)\s*.{0,40}app|catch\s*all\s*the|click\s*here"
            r"|tap\s*here|join\s*(?:our|us\s*on|\S+['’]s)\s*.{0,40}(?:whatsapp|telegram|channel|community)|follow\s*us\s*on"
            r"|(?:get|install)\s*(?:the|our)\s*.{0,30}app|available\s*on\s*(?:the\s*)?(?:app\s*store|google\s*play)"
            r"|now\s*on\s*(?:whatsapp|telegram)|listen\s*to\s*(?:this|the)\s*(?:article|story)|start\s*(?:your\s*)?free\s*trial"
            r"|limited[-\s]*time\s*offer|exclusive\s*offer|get\s*\d+%\s*off|best\s*deals?\s*on|apply\s*now"
            r"|check\s*(?:your\s*)?(?:credit|cibil)\s*score|(?:pre-?approved|instant)\s*(?:personal\s*)?loan"
            r"|watch\s*live\s*tv|give\s*feedback|send\s*us\s*(?:your\s*)?(?:feedback|tips)|have\s*a\s*(?:news\s*)?tip"
            r"|got\s*a\s*(?:news\s*)?tip|ready\s*to\s*go\s*ad-?free|support\s*(?:our|independent)\s*journalism)"
            # what is left of an embedded Instagram post in a text capture
            # the site's own channels: "Follow The Daily Example on Twitter", "Folgen Sie uns auf",
            # "Síguenos en", "Suivez-nous sur", "¡Mira nuestro canal de YouTube!"
            r"|^follow\s*[\w.@'’ ]{1,40}?\s*on\s*(?:twitter|facebook|instagram|linkedin|tiktok|youtube)\b"
            r"|^(?:folg(?:e|t)\s*uns|folgen\s*sie\s*uns|s[ií]guenos|suivez-nous|seguici|obserwuj\s*nas)\s*(?:auf|en|sur|su|na)\b"
            r"|\b(?:nuestro|tenemos)\s*canal\s*de\s*(?:youtube|telegram|whatsapp)\b"
            r"|^(?:view\s*this\s*post\s*on\s*instagram|sieh\s*dir\s*diesen\s*beitrag\s*auf\s*instagram\s*an"
            r"|a\s*post\s*shared\s*by\s*[^()]{0,80}\(@[\w.]{1,40}\).{0,40})$", 30,
            needs=("loan", "download", "catch", "click", "tap", "join", "follow", "app", "available",
                  "whatsapp", "telegram", "listen", "trial", "offer", "%", "best", "apply", "score",
                  "watch", "feedback", "send", "tip", "free", "journalism", "instagram", "(@", "folg", "guenos",
                  "suivez", "seguici", "obserwuj", "canal")),
    _phrase("newsletter", "newsletter sign-ups",
            r"(?:newsletters?\b.{0,80}\b(?:sign\s*up|subscribe|inbox|delivered|email|daily|weekly)"
            r"|(?:sign(?:ing)?\s*up|subscrib(?:e|ing))\b.{0,60}\bnewsletters?\b"
            # German, French, Spanish: "Zum Newsletter anmelden", "Melde dich für unseren Newsletter an"
            r"|\bnewsletters?\b.{0,80}\b(?:anmelden|abonnieren|bestellen|erhalten\s*sie|inscri(?:vez|ption|be)|abonnez"
            r"|suscr[ií]b)|\b(?:melde\s*dich|meld\s*dich|anmelden|abonnieren|inscrivez-vous|abonnez-vous|suscr[ií]bete)\b.{0,60}"
            r"\bnewsletters?\b|^enter\s*your\s*e-?mail|^your\s*e-?mail(?:\s*address)?$"
            r"|^by\s*(?:signing\s*up|subscribing|clicking)|\binvalid\s*email\b"
            # the sign-up form's own messages
            r"|^thanks?\s*(?:you\s*)?for\s*(?:signing\s*up|subscribing|registering)\b|\berror\s*processing\s*your\s*(?:subscription|sign-?up)"
            r"|^(?:an?\s*)?(?:error|problem)\s*(?:has\s*)?occurred[.,!]?\s*(?:please\s*)?try\s*again(?:\s*later)?[.!]?$"
            r"|straight\s*to\s*your\s*inbox|^get\b.{0,60}\b(?:in|to|into)\s*your\s*inbox"
            # "Get breaking news alerts and special reports. The news ..., delivered weekday mornings."
            r"|^get\s*(?:breaking\s*)?news\s*alerts\b|\bdelivered\s*(?:to\s*you\s*)?(?:every\s*|each\s*)?(?:weekday|daily)"
            r"\s*mornings?\b)", 45,
            needs=("newsletter", "mail", "sign", "subscrib", "click", "inbox", "register", "error", "problem", "alert",
                   "deliver")),
    _phrase("cookie", "cookie and consent notices",
            r"(?:\bcookies?\b.{0,120}\b(?:we\s*use|uses|accept|consent|policy|settings|preferences|agree|browsing|experience)"
            r"|\b(?:we\s*use|this\s*(?:site|website)\s*uses)\b.{0,40}\bcookies?\b"
            r"|\b(?:utilizziamo|usiamo|utilizamos|usamos|nous\s*utilisons|wir\s*(?:verwenden|nutzen))"
            r"\s*(?:i|los|os|des)?\s*cookies?\b"
            # the notice in other languages: "Diese Website verwendet Cookies", "Ce site utilise des
            # cookies", "Ta strona używa plików cookies", or cookies beside the consent dialog's words
            r"|\b(?:diese|unsere|ce|este|questo|deze|ta|nasza)\s*(?:web)?(?:seite|site|website|sitio|sito|strona)"
            r"(?:\s*(?:web|internetowa))?\s*(?:verwendet|nutzt|benutzt|setzt|utilise|utiliza|usa|utilizza|gebruikt"
            r"|maakt\s*gebruik\s*van|u[żz]ywa|wykorzystuje|korzysta\s*z)\b.{0,40}\bcookies?\b"
            # (the dialog speaks to the reader or for the site; a story about cookies and consent law
            # says the same words about third parties: "Dessen Cookies wurden ohne Zustimmung ...")
            # (anchored, so that the look for those words runs once per line, not at every position)
            r"|^(?=.*?" + _ADDRESS + r").*?"
            r"\bcookies?\b.{0,120}\b(?:einstellung|webseite|browser|datenschutz|einwillig|zustimm|akzeptier|ablehn"
            r"|deaktivier|navigateur|consentement|param[eè]tres|navegador|consentimiento|configuraci[oó]n|consenso"
            r"|impostazioni|toestemming|instellingen|zgod|ustawie|przegl[aą]dar)"
            r"|^(?:(?:strictly\s*)?necessary|non-necessary|functional|performance|analytics?|advertisement)"
            r"\s*cookies\s*are\b"
            r"|^(?:accept|reject|allow)\s*(?:all\s*)?(?:cookies)?$|^(?:manage|cookie)\s*(?:cookies|preferences|settings)$"
            r"|^i\s*(?:agree|accept)$|\bprivacy\s*(?:policy|settings)\b.{0,40}\b(?:updated|agree|consent))", 70,
            needs=("cookie", "accept", "reject", "allow", "manage", "agree", "privacy"),
            long=(r"^(?:this\s*(?:web)?site|we)\s*(?:uses?|may\s*use)\s*cookies\b", 200)),
    # What stands in a page in place of an embedded post, video or form until the reader agrees to
    # load it ("Externer Inhalt", "Ich bin damit einverstanden, dass mir externe Inhalte angezeigt
    # werden"), asks for JavaScript, or ticks a form's consent box; and the consent dialog's own
    # paragraphs that do not say "cookie" ("The technical storage or access ...").
    _phrase("consent", "consent placeholders and prompts: External content, To view this content accept ..., "
            "Please enable JavaScript, I agree to the processing of my data",
            r"^(?:please\s*)?(?:enable|activate|turn\s*on|activez|activa|habilita|attiva|(?:bitte\s*)?aktivieren\s*sie)"
            r"\s*(?:your\s*|le\s*|el\s*|il\s*)?javascript\b"
            r"|\bjavascript\s*(?:is\s*)?(?:(?:currently\s*)?disabled|required|not\s*enabled|must\s*be\s*(?:enabled|turned\s*on)"
            r"|needs\s*to\s*be\s*enabled|aktiviert|eingeschaltet|aktivieren|est\s*d[ée]sactiv[ée]|est[aá]\s*deshabilitado)\b"
            r"|\b(?:you\s*need\s*to|you\s*must|please|vous\s*devez|debes|deber[aá]s)\s*(?:enable|activate|turn\s*on|activer"
            r"|habilitar|activar)\s*javascript\b"
            r"|^(?:sorry,?\s*)?your\s*browser\s*does\s*not\s*support\b|^ihr\s*browser\s*unterst[üu]tzt\s*(?:kein|das|den|die|dieses)\b"
            # the embed's placeholder
            r"|^to\s*(?:display|view|see|show|load|watch|play|access)\s*(?:this|the)\s*(?:[\w-]+\s*)?(?:content|video|post|tweet"
            r"|embed|media|map|podcast|player|element)\b.{0,160}\b(?:enable|accept|consent|allow|agree|javascript)\b"
            r"|^(?:show|load|view|display|allow)\s*(?:external|third[-\s]*party|embedded)\s*(?:content|media|embeds?)\s*[.!]?$"
            r"|\bthird[-\s]*party\s*(?:content|embeds?|provider|platform)\b.{0,120}\b(?:consent|accept|enable|allow|agree)"
            r"|^(?:externer\s*inhalt|externe\s*inhalte|empfohlener\s*(?:redaktioneller\s*)?(?:externer\s*)?inhalt"
            r"|eingebetteter\s*inhalt)\s*[.:]?$"
            r"|\ban\s*dieser\s*stelle\s*(?:finde[nt]?|ist|befindet\s*sich|wird|sehen)\b.{0,60}\b(?:externe[nrs]?\s*inhalt"
            r"|inhalt\s*(?:von|aus)\s*(?:einem|einer|externen|drittanbieter))"
            r"|\b(?:ich\s*bin|sind\s*sie|bist\s*du)\s*(?:damit\s*)?einverstanden,?\s*dass\b.{0,120}\b(?:angezeigt|übermittelt"
            r"|übertragen|weitergegeben|geladen)\b|\bsind\s*sie\s*damit\s*einverstanden\s*\?$"
            r"|\b(?:wenn\s*sie|wenn\s*du|mit\s*(?:dem\s*)?(?:klick|anklicken))\b.{0,60}\b(?:button|schaltfl[äa]che|knopf)\b.{0,80}"
            r"\b(?:übertragen|übermittelt)\b"
            r"|\bladen\s*(?:der|von)\s*(?:externen\s*)?inhalte?n?\b.{0,80}\bblockiert\b"
            r"|^wir\s*würden\s*(?:ihnen\s*)?hier\s*gerne\b.{0,80}\bzeigen\b.{0,40}\bzustimmung\b"
            r"|^pour\s*(?:afficher|voir|visualiser)\s*ce\s*contenu\b|\bce\s*contenu\s*(?:est\s*)?bloqu[ée]\b"
            r"|^para\s*(?:ver|mostrar|visualizar)\s*este\s*contenido\b|\beste\s*contenido\s*(?:est[aá]\s*)?bloqueado\b"
            r"|^per\s*(?:visualizzare|vedere|mostrare)\s*(?:questo|il)\s*contenuto\b"
            r"|^om\s*(?:deze|de)\s*inhoud\s*te\s*(?:bekijken|zien|tonen|laden)\b"
            # a form's consent box
            r"|^ich\s*bin\s*(?:damit\s*)?(?:mit\s*(?:der|den)\s*(?:verarbeitung|speicherung|nutzung|übermittlung)\b.{0,100}"
            r"\beinverstanden|einverstanden,?\s*(?:dass|von|mit)\b.{0,200}\b(?:daten|datenschutz\w*|e-?mail|newsletter"
            r"|informiert|inhalte?)\b)"
            r"|^mit\s*(?:der\s*nutzung|dem\s*absenden|dem\s*abschicken|dem\s*ausf[üu]llen)\s*(?:dieses|des)\s*formulars?\b.{0,200}"
            r"\beinverstanden"
            r"|^by\s*(?:submitting|using|completing)\s*this\s*form\b.{0,200}\b(?:agree|consent|accept)"
            r"|^i\s*(?:have\s*read\s*and\s*)?(?:agree|consent)\s*(?:to|with)\b.{0,120}\b(?:privacy|terms|newsletter|processing"
            r"|storage|e-?mails?|marketing|personal\s*data)\b", 45,
            needs=("javascript", "browser", "enable", "accept", "consent", "allow", "agree", "extern", "third", "embed",
                   "inhalt", "einverstanden", "übertragen", "übermittelt", "blockiert",
                   "zustimm", "contenu", "contenido", "contenuto", "inhoud", "technisch", "technical", "stockage",
                   "almacenamiento", "archiviazione"),
            # the consent dialog's paragraphs, as long as they run
            long=(r"^(?:die\s*technische\s*speicherung\s*oder\s*der\s*zugriff|the\s*technical\s*storage\s*or\s*access"
                  r"|le\s*stockage\s*ou\s*l['’]acc[eè]s\s*technique|el\s*almacenamiento\s*o\s*(?:el\s*)?acceso\s*t[eé]cnico"
                  r"|l['’]archiviazione\s*tecnica\s*o\s*l['’]accesso|de\s*technische\s*opslag\s*of\s*toegang)\b", 120)),
    _phrase("subscription", "paywall and account notices",
            r"^(?:subscribe(?:\s*(?:now|today|here))?|subscribers?\s*only|already\s*(?:a|an)\s*(?:subscriber|member)\b.*"
            r"|already\s*have\s*an\s*account\b.*|log\s*in|login|sign\s*in|sign\s*out|log\s*out|register(?:\s*now)?"
            r"|create\s*(?:a\s*)?(?:free\s*)?account|my\s*account|premium|become\s*a\s*(?:member|subscriber)"
            r"|this\s*(?:article|content|story)\s*is\s*(?:for|only\s*(?:available|for))\s*.{0,30}(?:subscribers|members)\b.*"
            r"|to\s*continue\s*reading\b.*|you\s*have\s*(?:reached|read)\s*.{0,40}(?:limit|free\s*articles?)\b.*"
            r"|(?:unlock|get)\s*(?:unlimited|full)\s*(?:digital\s*)?access\b.*|support\s*quality\s*journalism\b.*"
            r"|(?:start|continue)\s*(?:your\s*)?subscription\b.*|subscribe\s*to\s*(?:read|continue|unlock)\b.*"
            r"|(?:reminder,?\s*)?this\s*is\s*an?\s*(?:premium|subscriber|exclusive)\s*(?:article|story|content)\b.*"
            # "... requires a subscription", "To view the full story, please subscribe ...", "Subscribe
            # now ... for the full story.", "Already a subscriber?": one scan of the line's opening for
            # all of them (a scan per form cost the phrase table a tenth of its time)
            r"|.{0,60}\b(?:requires\s*a\s*subscription\b|subscri(?:be|ption)\b.{0,60}\bfull\s*(?:story|article)\b"
            r"|full\s*(?:story|article)\b.{0,30}\bsubscri(?:be|ption)\b|already\s*(?:a|an)\s*subscriber\b).*"
            r"|pour\s*(?:lire\s*la\s*suite|acc[ée]der\s*en\s*illimit[ée])\b.*)$", 35),
    _phrase("advert", "advertising labels, and the text ads (title, copy, address) under them",
            r"^(?:advertisement|advertising|advertisment|advert|ad|ads|sponsored(?:\s*(?:content|post|stories|links))?|promoted"
            r"|paid\s*(?:post|content|partner(?:\s*content)?)|partner\s*content|story\s*continues\s*(?:below|after)"
            r"(?:\s*(?:this|the))?(?:\s*(?:advertisement|advert|ad))?|(?:article\s*)?continues\s*below(?:\s*advertisement)?"
            r"|scroll\s*(?:down\s*)?to\s*continue(?:\s*with\s*content)?|ad\s*feedback|report\s*(?:this\s*)?ad"
            r"|skip\s*ad|close\s*ad|ad\s*choices|adchoices"
            # the label in other languages
            r"|anzeige|werbung|publicidad|publicit[ée]|pubblicit[àa]|reklama|advertentie|annons(?:e)?|mainos"
            r"|广告|スポンサー(?:ドリンク|リンク)|광고)\s*[.:]?$", 8),
    # "(c)" after an "(a)" or "(b)" on the line is the third item of a list, not the copyright sign.
    _phrase("copyright", "copyright footers",
            r"(?:(?:©|(?<!\([ab]\).*)\(c\)|^copyright\b)\s*.{0,80}(?:\b(?:19|20)\d{2}\b|rights\s*reserved)"
            r"|\bcopyright\s*(?:©\s*)?(?:19|20)\d{2}\b|\ball\s*rights\s*reserved\b"
            # in other languages, opening or closing the line (a sentence may say it of something else)
            r"|^\W*" + _RIGHTS_RESERVED + r"|\b" + _RIGHTS_RESERVED + r"\W*$"
            r"|^materia[łl]\s*chroniony\s*prawem\s*autorskim"
            # the reprint notice of a story printed for one reader
            r"|^this\s*copy\s*is\s*for\s*your\s*personal,?\s*non-?commercial\s*use\s*only\b)", 45,
            needs=("©", "(c)", "copyright", "reserved", "vorbehalten", "reservados", "serv", "riservati", "zastrze",
                   "chroniony", "commercial")),
    _phrase("disclaimer", "site disclaimers and syndication notes",
            r"(?:^\(?\s*disclaimer\b|^\(?\s*(?:this|the)\s*(?:article|story|report|copy|content|post)\s*(?:was|has\s*been|is|has)"
            r"\s*(?:not\s*been\s*)?(?:generated|auto-?generated|published|edited|created|produced)\s*(?:by|from|via|with)?\b.{0,90}"
            r"(?:feed|agency|staff|wire|syndicat|automat|ai\b|artificial\s*intelligence)"
            r"|^\(?\s*(?:except\s*for\s*the\s*headline|only\s*the\s*headline|the\s*headline)\b.{0,80}\b(?:edited|changed|reworked)"
            r"|\b(?:views|opinions)\s*expressed\b.{0,80}\b(?:are|is|do\s*not)\b.{0,40}\b(?:own|necessarily|reflect)"
            r"|^\(?\s*(?:with\s*inputs?\s*from\s*agencies|inputs?\s*from\s*agencies)\s*\)?\.?$"
            r"|^\(?\s*this\s*(?:article|story|content)\s*(?:is|was)\s*(?:for|intended\s*for)\s*(?:informational|general)\b"
            r"|\bnot\s*(?:intended\s*as|to\s*be\s*(?:construed|taken)\s*as)\s*(?:investment|financial|legal)\s*advice\b"
            r"|^(?:investments?\s*in\s*securities\s*market\s*are\s*subject\s*to\s*market\s*risks?)"
            r"|\bhave\s*not\s*been\s*evaluated\s*by\s*the\s*food\s*and\s*drug\s*administration"
            r"|\b(?:are|is\s*a)\s*(?:registered\s*)?trademarks?\s*of\b|\bfor\s*informational\s*purposes\s*only\b"
            r"|^consult\s*your\s*(?:physician|doctor)|\bas\s*an\s*amazon\s*associate\b"
            r"|\b(?:we|this\s*site)\s*(?:may\s*)?(?:earn|receive)s?\s*(?:a\s*)?(?:small\s*)?(?:commission|compensation)\b"
            r"|\baffiliate\s*(?:links?|commission)\b"
            r"|^\(?\s*(?:alle\s*)?angaben\s*ohne\s*gew[äa]hr|\bdieser\s*(?:beitrag|artikel|post)\s*enth[äa]lt\s*(?:werbung|affiliate"
            r"|werbelinks))", 90,
            needs=("disclaimer", "generated", "published", "edited", "created", "produced", "headline",
                  "expressed", "agencies", "informational", "general", "advice", "securities",
                  "evaluated", "trademark", "consult", "amazon", "commission", "compensation",
                  "affiliate", "angaben", "werb")),
    _phrase("comments", "comment sections: policies, forms and counters",
            r"^(?:comments?\s*(?:have|must|are|will)\s*(?:to\s*)?be\b|we\s*have\s*migrated\s*to\s*a\s*new\s*comment"
            r"|please\s*(?:abide\s*by|read|follow)\s*our\s*(?:community|comment(?:ing)?)\s*(?:guidelines|policy|rules)"
            r"|(?:leave|post|add|write)\s*(?:a|your)\s*(?:reply|comment|view)|add\s*comments?$"
            r"|your\s*email\s*address\s*will\s*not\s*be\s*published"
            r"|required\s*fields\s*are\s*marked|(?:view|show|hide|load)\s*(?:all\s*)?comments|join\s*the\s*(?:conversation|discussion)"
            r"|comments\s*are\s*(?:closed|moderated)|\d+\s*comments?$"
            r"|add\s*(?:a\s*)?new\s*comment$|comment\s*viewing\s*options$|select\s*your\s*preferred\s*way\s*to\s*display\s*the\s*comments"
            # Comment counters and section heads in brackets or with a qualifier: "[ 167 comments ]",
            # "Comments (12)", "Top Rated Comments", "Comments have now been closed on this entry."
            r"|[\[(]\s*\d+\s*comments?\s*[\])]$|comments?\s*[:(]?\s*\d+\s*\)?$"
            r"|(?:top[\s-]*rated|most\s*recent|latest|newest|recent|best|featured|readers?['’]?|user)"
            r"\s*comments?\s*(?:\(\d+\))?$"
            r"|comments\s*have\s*(?:now\s*)?been\s*closed|[\[(]?\s*read\s*all\s*comments\s*[\])]?$"
            # "Thanks for your comments - this feedback is now closed", "Commenting is closed."
            r"|(?:thanks?\s*(?:you\s*)?for\s*your\s*comments\W*)?this\s*(?:feedback|discussion|comment\s*thread)\s*is\s*"
            r"(?:now\s*)?closed|commenting\s*(?:is|has\s*been)\s*(?:now\s*)?closed"
            # Heads of readers' views ("Reader views (5)", "What readers say") and the house rules
            # printed over a comment section ("Comment posters are responsible for ...").
            r"|readers?['’]?\s*(?:views?|reactions?|responses)\s*(?:\(\d+\))?$"
            r"|what\s*(?:our\s*)?readers\s*(?:say|think)$"
            r"|be\s*the\s*first\s*to\s*(?:(?:post|leave|add|write)\s*a\s*)?comment"
            r"|comment\s*posters\s*are\s*responsible"
            r"|the\s*following\s*(?:are\s*)?comments\s*(?:are\s*)?from\s*(?:our\s*|the\s*)?readers"
            r"|(?:all\s*)?comments?\s*(?:entries\s*)?(?:are\s*)?"
            r"(?:limited\s*to\s*\d+|subject\s*to\s*(?:approval|moderation))"
            r"|comments\s*are\s*the\s*sole\s*responsibility"
            r"|we\s*reserve\s*the\s*right\s*to\s*(?:delete|remove|edit)\s*(?:any\s*)?comments"
            r"|we\s*welcome\s*(?:reader|your)\s*comments"
            r"|please\s*(?:understand|note)\s*that\s*(?:all\s*)?comments\s*are\s*moderated"
            r"|some\s*comments\s*(?:posted\s*here\s*)?may\s*be\s*reviewed"
            r"|do\s*you\s*have\s*(?:any\s*)?comments?\s*(?:on|about)\s*this\s*(?:story|article)\s*\??$"
            r"|we['’]?d\s*like\s*your\s*thoughts\s*on\s*this\s*(?:story|article)"
            r"|[\[(]?\s*(?:\p{L}+\?\s*){0,3}report\s*this\s*comment\b"
            r"|(?:log|sign)\s*in\s*to\s*(?:comment|reply)|if\s*you\s*are\s*already\s*a\s*registered\s*user"
            r"|how\s*(?:does|did)\s*this\s*(?:story|article)\s*make\s*you\s*feel"
            r"|\d+\s*(?:responses|comments|replies|thoughts)\s*(?:to|on)\b|comments?\s*feed|^\S{2,40}\s*says:$"
            r"|^(?:reply|report|like|flag)(?:\s*[|·]\s*(?:reply|report|like|flag|share))+$|" + _COMMENT_COUNT + "|"
            + _COMMENT_FORM + ")", 60),
    _phrase("caption", "photo captions and credits standing alone",
            r"^\(?\s*(?:(?:file\s*)?(?:photo|image|picture|pic|graphic|illustration|video|representative\s*(?:image|photo|picture))s?"
            r"(?:\s*(?:credit|courtesy|by|source))?\s*[:|©/]"
            # the credit in other languages: "Foto: dpa", "Bild: Archiv", "Imagen: Télam"
            r"|(?:fotos?|bild(?:er)?|bildquelle|symbolbild|beitragsbild|titelbild|imagen|immagine|imagem|fotograf[ií]as?"
            r"|zdj[eę]cie|kuva|kuvat)\s*[:|©]|photograph(?:ed)?\s*by\b"
            # "Credit: NASA", "Crédits photos : X", "Copyright: Jane Doe", "Fot. Jan Nowak"
            r"|cr[ée]dits?(?:\s*photos?)?\s*:|copyright\s*:|fot\.\s"
            r"|(?:photo|image|picture)s?\s*(?:credit|courtesy|copyright|caption)\b"
            r"|(?:getty(?:\s*images)?|shutterstock|istock(?:photo)?|ap\s*photo|afp\s*photo|reuters\s*photo|file\s*photo)\s*\)?\.?$"
            r"|(?:representative\s*(?:image|photo|picture)|symbolbild|symbolfoto|(?:foto|imagen)\s*de\s*archivo)\.?\)?$)", 30),
    # A caption of any length gives itself away by the photo's credit at its end (before the
    # "less" of a caption that folds), or by the wire services' "In this [date,] file photo" opening.
    # Outside parentheses only the slash credit counts ("Jane Doe / AFP"): a last sentence may well
    # end "... compiled via Bloomberg".
    _phrase("caption-credit",
            "photo captions signed with their credit: (AP Photo/Jane Doe), X/Getty Images, Credit: NASA",
            rf"\((?:[^()]{{0,80}}\b(?:photos?|photograph|images?|pictures?|pic|fotos?|bild|imagen|fotograf[ií]a)\b[^()]{{0,80}}"
            rf"|[^()]{{1,80}}(?:/\s*|\bvia\s+){_AGENCY}\b[^()]{{0,20}})\)(?:\s*less)?\s*$"
            rf"|(?<=[.!?)”\"]\s{{1,3}})[^.!?]{{0,60}}/\s*{_AGENCY}\s*$"
            # or on a line of its own: "Jane Doe/Hindustan Times/Getty Images"
            rf"|^[^.!?]{{0,80}}/\s*{_AGENCY}\s*$"
            r"|(?<=[.!?)”\"]\s{1,3})(?:photo|image|picture)?\s*(?:credits?|courtesy)\s*:\s*[^.:!?]{1,60}$"
            # "... im Hafen. Foto: Archiv", "Ministro Pérez, foto: Archivo." (a name, or a source)
            # (the sentence's end is matched, not looked behind for: a look-behind is tried at every position)
            r"|[.!?)”\",]\s{1,3}(?:photo|foto|bild|imagen|immagine|imagem|fotograf[ií]a)s?\s*:\s*[^.:!?]{1,60}\.?$"
            r"|^in\s*this\s*(?:[\p{L}\p{N}., ]{0,40},\s*)?(?:(?:file|handout|undated|aerial|combination)\s*)?"
            r"(?:photo|image|picture|photograph)s?(?=\s*,|\s+(?:taken|provided|released|made|issued|obtained|supplied"
            r"|distributed|posted|shared|shot|dated|courtesy|from|by|via|captured)\b)",
            # each form names the picture, or has the credit's slash, "via", "credit" or "courtesy"
            150, needs=("photo", "image", "picture", "pic", "/", "via", "credit", "courtesy", "foto", "bild", "imag")),
    # "Jane Doe is a staff writer at X covering Y. She was formerly ...": the author's box under the
    # story. The name opens the line and a second trait of a biography follows the role. A line that
    # tells what befell the journalist ("... who was detained while covering the war") is a news
    # story about them, not their box.
    _phrase("author-bio", "author boxes: Jane Doe is a staff writer at X, covering Y",
            r"^(?!.{0,600}?\b(?:was|were|has\s*been|had\s*been|have\s*been)\s+(?:arrested|detained|killed|kidnapped"
            r"|abducted|jailed|imprisoned|sentenced|charged|convicted|shot|murdered|freed|fired|sued|accused|expelled"
            r"|deported|banned|held|attacked|injured|wounded|found\s*dead|missing)\b)"
            r"(?=.{0,600}?(?:\bcover(?:s|ing|ed)?\b|\bbased\s*in\b|\bpreviously\b|\bformerly\b|\bjoined\b"
            r"|\bfollow\s*(?:him|her|them)\b|@|\bgraduate\b|\bauthor\s*of\b|\bwrites\s*about\b|\bhas\s*written\b))"
            r"(?-i:\p{Lu}[\p{L}'’.\-]+(?:\s+\p{Lu}[\p{L}'’.\-]+){1,3})\s*(?:\([^()]{1,60}\)\s*)?is\s*(?:a|an|the)\s+"
            r"(?:[\p{L}\-]+\s+){0,5}(?:reporter|writer|editor|correspondent|contributor|columnist|journalist|producer"
            r"|critic|blogger|freelancer)s?\b"
            # "Write to Jane Doe at jane.doe@example.com": the address under the story
            r"|^write\s*to\s*(?-i:\p{Lu})[\p{L}'’.\- ]{1,60}?\s*at\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*\.?$", 150,
            needs=("reporter", "write", "editor", "correspondent", "contributor", "columnist", "journalist",
                   "producer", "critic", "blogger", "freelancer")),
    # Page source a renderer let through (an ad's script, a tag it did not parse) opens with it.
    _phrase("page-source", "HTML and script source left in the text: <script ...>, <!-- ..., javascript:...",
            r"^\s*(?:<!--|<\s*/?\s*(?:script|noscript|style|div|span|iframe|img|a|table|td|tr|p|input|form|object"
            r"|embed|param|link|meta)\b[^<>]{0,400}>|\(?\s*javascript\s*:|document\.write\s*\()", 5000,
            needs=("<", "javascript", "document")),
    _phrase("nav-word", "interface words standing alone: Home, Menu, Search, Skip to content, Comments",
            r"^(?:home|menu|main\s*menu|search|search\s*\p{L}+|close|skip\s*to\s*(?:main\s*)?(?:content|navigation)|skip"
            r"|back\s*to\s*top|go\s*to\s*top|next|previous|prev|next\s*(?:article|story|post)|previous\s*(?:article|story|post)"
            r"|top|loading\.{0,3}|comments?|\d+\s*comments?|leave\s*a\s*(?:comment|reply)|post\s*a\s*comment|reply"
            r"|toggle\s*navigation|open\s*menu|navigation|sections|edition|change\s*edition|select\s*(?:city|language|edition)"
            r"|follow(?:\s*us)?|unfollow|notifications?|e-?paper|epaper|rss|feedback|contact\s*us|about\s*us|privacy\s*policy"
            r"|terms\s*(?:of\s*(?:use|service)|&\s*conditions|and\s*conditions)|sitemap|site\s*map|careers|advertise(?:\s*with\s*us)?"
            r"|(?:\d+\s*)?(?:min|minute)s?\s*(?:read|to\s*read)|read\s*time\s*:?\s*\d+\s*(?:min|minute)s?|listen(?:\s*in\s*\p{L}+)?"
            r"|listen\s*to\s*(?:this\s*)?(?:article|story)|font\s*size|text\s*size|gift\s*(?:this\s*)?article"
            r"|a\+?|a-|aa|zoom|translate|live|live\s*tv|watch\s*live|video|trending|english|हिंदी|español|français|more)"
            r"\s*[.:…›»>]*$", 6),
)

_PHRASE_AT = {p.code: i for i, p in enumerate(PHRASES)}


# (search, max_words, search for a needed word or None, long form's search or None, its max_words)
# of each phrase list, in order.
_PHRASE_TABLE = tuple(
    (p.pattern.search, p.max_words, re.compile("|".join(map(re.escape, p.needs))).search if p.needs else None,
     p.long_pattern.search if p.long_pattern else None, p.long_max_words)
    for p in PHRASES
)


@functools.lru_cache(maxsize=8)
def _phrase_hits(texts: tuple[str, ...]) -> tuple[tuple[bool, ...], ...]:
    """Which phrase lists match each line; computed once per capture for all of them."""
    return tuple(map(_phrase_row, texts))


def _phrase_row(text: str) -> tuple[bool, ...]:
    """Which phrase lists match one line: its words and folded form are computed once for all."""
    words = word_count(text)
    fold = None  # only lines short enough for a list that needs a word are folded
    row = []
    for search, max_words, needs, long, long_max in _PHRASE_TABLE:
        short = words <= max_words
        if not short and (long is None or words > long_max):
            row.append(False)  # too long for both wordings: its needed words are not looked for
            continue
        if needs is not None:
            if fold is None:
                fold = folded(text)
            if needs(fold) is None:
                row.append(False)
                continue
        row.append(short and search(text) is not None
                   or long is not None and words <= long_max and long(text) is not None)
    return tuple(row)

# --- widgets: tickers, price boxes, market lists ---------------------------------------------------
_NUMERIC_TOKEN = regex.compile(
    rf"{CLOCK}|{DAY_DATE}|{CURRENCY}?\s?(?:{NUMBER})\s?(?:%|/\s?(?:L|l|ltr|litre|liter|kg|g|gm|gram|grams|10\s?g|oz|ounce|bbl|barrel|mmbtu))?"
    rf"|\b{MONTH}\b|\b(?:AM|PM|IST|GMT|UTC|ET|EST|EDT|BST|CET|JST|HKT|SGT)\b|[▲▼↑↓△▽⬆⬇+\-−–|/•·()\[\],:]",
    regex.IGNORECASE,
)
_HAS_DIGIT = regex.compile(r"\d")
_PRICE_WORDS = regex.compile(
    r"\b(?:gold|silver|platinum|petrol|diesel|fuel|cng|lpg|crude|brent|wti|oil|karat|carat|\d{2}\s?k|22k|24k|18k"
    r"|per\s*(?:gram|kg|litre|liter|ounce|barrel|10\s*g)|/\s?(?:l|kg|g|10g|oz))\b",
    regex.IGNORECASE,
)
_TICKER_WORDS = regex.compile(
    r"\b(?:share\s*price|stock\s*price|shares?|stocks?|sensex|nifty|bse|nse|nasdaq|dow(?:\s*jones)?|s&p|ftse|dax|cac"
    r"|nikkei|hang\s*seng|kospi|sti|asx|bitcoin|btc|ethereum|eth|usd|inr|eur|gbp|jpy|index|indices|futures?|bond|yield"
    r"|ltd|limited|inc|corp|plc|bank)\b",
    regex.IGNORECASE,
)
_MARKET_HEADER = regex.compile(
    r"^(?:[•·▪\-*]\s*)?(?:most\s*active(?:\s*(?:stocks|companies|shares))?|more\s*active\s*stocks|market\s*snapshot|top\s*gainers"
    r"|top\s*losers|gainers|losers|52\s*-?\s*w(?:ee)?k\s*(?:high|low)s?|more\s*from\s*(?:top\s*gainers|top\s*losers|52\s*week\s*(?:high|low))"
    r"|stock\s*market\s*(?:today|live|updates?)|market\s*(?:watch|data|movers|indices|overview|summary|stats|dashboard|live)"
    r"|(?:global\s*|world\s*|asian\s*|us\s*|european\s*)?(?:indices|markets)|stocks?\s*to\s*watch|trending\s*stocks|stock\s*(?:quotes?|tickers?)"
    r"|(?:gold|silver|fuel|petrol|diesel|commodity|crypto(?:currency)?|currency|forex|metal)\s*(?:prices?|rates?)(?:\s*today)?"
    r"|(?:today'?s?|latest)\s*(?:gold|silver|fuel|petrol|diesel)\s*(?:prices?|rates?)|commodities|currencies|cryptocurrenc(?:y|ies)"
    r"|exchange\s*rates?|forex|bullion|petrol|diesel|gold|silver|\d{2}\s?k|(?:city|cities)|price|change|%\s*change|chg|ltp|volume"
    r"|high|low|open|close|prev\.?\s*close|company|name|last|select\s*city)\s*[:.]?$",
    regex.IGNORECASE,
)


# Headers that name a market box on their own; the weaker ones above ("Price", "Gold") need rows beside them.
_STRONG_HEADER = regex.compile(
    r"^(?:[•·▪\-*]\s*)?(?:most\s*active(?:\s*(?:stocks|companies|shares))?|more\s*active\s*stocks|market\s*snapshot"
    r"|top\s*gainers|top\s*losers|52\s*-?\s*w(?:ee)?k\s*(?:high|low)s?|more\s*from\s*(?:top\s*gainers|top\s*losers"
    r"|52\s*week\s*(?:high|low))|(?:gold|silver|fuel|petrol|diesel)\s*(?:prices?|rates?)(?:\s*today)?)\s*[:.]?$",
    regex.IGNORECASE,
)


def numeric_profile(text: str) -> tuple[int, int]:
    """(number-like tokens, remaining words) of a line."""
    if not _HAS_DIGIT.search(text):
        return 0, word_count(text)
    # One pass of the (slow) token pattern: the gaps between its matches, joined by a space, are
    # what _NUMERIC_TOKEN.sub(" ", text) would leave (it matches no empty string).
    numbers, gaps, at = 0, [], 0
    for m in _NUMERIC_TOKEN.finditer(text):
        start, end = m.span()
        if _HAS_DIGIT.search(text, start, end):
            numbers += 1
        gaps.append(text[at:start])
        at = end
    gaps.append(text[at:])
    return numbers, word_count(" ".join(gaps))


# "94.72" is a price, not 94 minutes past nine: a clock here has a colon or an am/pm.
_STAMP_PART = regex.compile(rf"{DAY_DATE}|\b\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s?[ap]\.?m\.?)?|\b\d{{1,2}}\.\d{{2}}\s?[ap]\.?m\b|\b\d{{1,2}}\s+{MONTH}\b|\b{MONTH}\.?\s+\d{{1,2}}\b", regex.IGNORECASE)


_PRICE_SIGNAL = regex.compile(rf"{CHANGE}|{CURRENCY}\s?\d|\d\s?/\s?(?:L|kg|g)\b", regex.IGNORECASE)
_CHANGE_RE = regex.compile(CHANGE)
_QUOTE_NUMBER = regex.compile(rf"\d[.,]\d{{2,}}\b|\d{{1,3}}(?:,\d{{2,3}})+\b|\d\s?%|{CURRENCY}\s?\d|\d\s?{CURRENCY}")


def is_numeric_widget_line(text: str) -> bool:
    """A line that is a price, a change, or a name with its quote: not a sentence, not a date stamp.

    A date stamp alone ("Tue Oct 1 2024 - 18:45") is left to the metadata reader; inside a
    widget it is still absorbed as a label between the rows.
    """
    # Cheap exits first: most lines have no digit, or far too many words to be a quote row.
    if not _HAS_DIGIT.search(text) or word_count(text) > 14 or len(text) > 200:
        return False
    if not _HAS_DIGIT.search(_STAMP_PART.sub(" ", text)):
        return False
    numbers, words = numeric_profile(text)
    if numbers == 0 or ends_sentence(text) and words > 3:
        return False
    if words == 0:
        return True
    # With words beside them, the numbers must look like quotes (2.34, 1,197.35, 4%, $82):
    # "Eat 60–90 minutes before your workout" is not a ticker row.
    if not _QUOTE_NUMBER.search(text):
        return False
    # "Sensex 80,004.06 -1,000.12 (-1.23%)", "Tata Motors 1,012.35 ▲ 12.40 (1.24%)", "Delhi 78,713.00"
    if numbers >= 2 and words <= 6:
        return True
    return numbers == 1 and words <= 3 and bool(
        _PRICE_SIGNAL.search(text)
    )


@dataclass(frozen=True)
class WidgetHeuristic(Heuristic):
    """Ticker rows, price boxes and market lists, with their labels, headers and city names."""

    kind: str = "ticker"  # which of the widget kinds this instance reports

    def flag(self, units):
        kinds = _widget_kinds(texts_of(units))
        # Only runs count: a single number line in prose ("2,341") is left to the prose scorer,
        # unless it names its own instrument ("Sensex 80,004.06 -1,000.12 (-1.23%)").
        out = []
        for i, k in enumerate(kinds):
            if k != self.kind:
                out.append(False)
                continue
            near = any(kinds[j] for j in range(max(0, i - 2), min(len(kinds), i + 3)) if j != i)
            out.append(near or _self_describing(units[i].text) or bool(_STRONG_HEADER.match(units[i].text)))
        return out


@functools.lru_cache(maxsize=8)
def _widget_kinds(texts: tuple[str, ...]) -> tuple[str | None, ...]:
    """The widget kind of each line; shared by the three widget heuristics, computed once per capture.

    One pass finds the lines that are numbers (prices, changes) or widget headers; a second
    absorbs the short labels between and just before them ("Adani Power share price",
    "Bangalore", "• 24K"), since a label is only boilerplate beside its numbers.
    """
    n = len(texts)
    numeric = [is_numeric_widget_line(t) for t in texts]
    header_line = [word_count(t) <= 8 and _MARKET_HEADER.match(t) is not None for t in texts]
    kinds: list[str | None] = [None] * n
    for i, t in enumerate(texts):
        if header_line[i]:
            kinds[i] = "price-widget" if _PRICE_WORDS.search(t) else "market-list"
        elif numeric[i]:
            kinds[i] = "price-widget" if _PRICE_WORDS.search(t) else "ticker"
    for i, t in enumerate(texts):
        if kinds[i]:
            continue
        nxt = next((j for j in range(i + 1, min(n, i + 3)) if kinds[j]), None)
        if nxt is None:  # looked at before _is_label: most lines have no widget line below them
            continue
        prv = next((j for j in range(i - 1, max(-1, i - 3), -1) if kinds[j]), None)
        if (prv is not None or numeric[nxt]) and _is_label(t):
            kinds[i] = _label_kind(t, kinds[nxt])
    # Rows under a "Gold Prices" header are prices even where a row alone ("78,555.00") does not say.
    header = None
    for i, t in enumerate(texts):
        if kinds[i] is None:
            if header is not None and not _is_label(t):
                header = None
            continue
        if header_line[i] and not numeric[i]:
            header = "market-list" if kinds[i] == "market-list" else (header or kinds[i])
        elif header == "price-widget":
            kinds[i] = "price-widget"
    return tuple(kinds)


def _is_label(text: str) -> bool:
    return word_count(text) <= 7 and len(text) <= 60 and not ends_sentence(text)


def _label_kind(text: str, neighbour: str | None) -> str:
    if _PRICE_WORDS.search(text):
        return "price-widget"
    if _TICKER_WORDS.search(text):
        return "ticker"
    return neighbour or "ticker"


def _self_describing(text: str) -> bool:
    numbers, words = numeric_profile(text)
    return words >= 1 and numbers >= 2 and bool(_CHANGE_RE.search(text))


# --- navigation ------------------------------------------------------------------------------------
_HUMP = regex.compile(r"\p{Ll}\p{Lu}|\p{Ll}[&]\p{Lu}")
_ASCII_HUMP = re.compile(r"[a-z][A-Z]|[a-z][&][A-Z]")  # _HUMP where the only letters are ASCII


def humps(text: str) -> int:
    """How many _HUMP matches text has; ASCII text (most lines) takes the same pattern in the faster `re`."""
    return len((_ASCII_HUMP if text.isascii() else _HUMP).findall(text))
_BREADCRUMB = regex.compile(
    r"^(?:[\p{L}\d][\p{L}\d .,&'’\-]{0,40}?)(?:\s*(?:>|»|›|→|/|\\|::|\|)\s*[\p{L}\d][\p{L}\d .,&'’\-]{0,60}?){2,8}\s*[>»›]?$"
)


_CRUMB_MARK = re.compile(r"[>»›→/\\:|]")
_CRUMB_SEPARATOR = regex.compile(r"\s(?:>|»|›|→|/|\|)\s|[»›>]")
_GLUED_WORDS = regex.compile(r"^(?:\p{Lu}[\p{Ll}&]+(?:\s\p{Lu}[\p{Ll}&]+)?){2,}\p{Lu}")
_LONG_NUMBER = regex.compile(r"\d{3,}")
_ONE_CRUMB = regex.compile(r"^[\p{L}\d][\p{L}\d .,&'’\-]{0,40}\s[›»>→]\s[\p{L}\d][\p{L}\d .,&'’\-]{0,40}$")


_LONGEST_MENU = 1000
_CAMEL_OK = regex.compile(r"[#@]\w+|\b(?:https?://|www\.)\S+|\S+\.(?:com|org|net|co)\b\S*")


class GluedNavHeuristic(Heuristic):
    """Menu items that lost their separators: "HomeMarketsPremiumInstant LoanMint Shorts"."""

    def flag(self, units):
        out = []
        for u in units:
            # Blanking tags and URLs only takes humps away: a line with fewer than three has no need
            # of it (nearly every line).
            if humps(u.text) < 3:
                out.append(False)
                continue
            if ends_sentence(u.text):
                out.append(False)
                continue
            # _CAMEL_OK's domain branch backtracks over a long run without spaces (quadratic time):
            # a whole site map glued into one line is judged by its first 1,000 characters.
            head = u.text[:_LONGEST_MENU]
            words = word_count(head)
            hump_count = humps(_CAMEL_OK.sub(" ", head))  # #MethWeAreOnIt, @AmyKup, URLs are not menus
            if words <= 25:
                out.append(hump_count >= 3 and hump_count * 4 >= min(words, 12))
            else:
                # A longer line glues headlines or menu items of several words each: one glue per
                # eight words. Prose naming iPhones and YouTube has far fewer.
                out.append(hump_count >= 5 and hump_count * 8 >= words)
        return out


class BreadcrumbHeuristic(Heuristic):
    """Home > News > India, and crumbs glued to the headline: "Business NewsNewsWorldUS, Japan ..."."""

    def flag(self, units):
        out = []
        for u in units:
            t = u.text
            if not _CRUMB_MARK.search(t):  # both crumb patterns need a separator
                out.append(_glued_prefix(t))
                continue
            crumbs = bool(_BREADCRUMB.match(t)) and word_count(t) <= 16 and not ends_sentence(t) and (
                _CRUMB_SEPARATOR.search(t) is not None
            )
            # One arrow is enough: "Companies & Markets › Reits & Property".
            crumbs = crumbs or (bool(_ONE_CRUMB.match(t)) and word_count(t) <= 10)
            out.append(crumbs or _glued_prefix(t))
        return out


def _glued_prefix(text: str) -> bool:
    """Two or more menu words glued before a headline: "Business NewsNewsWorldUS, Japan ..."."""
    head = text[:60]
    return humps(head) >= 2 and bool(_GLUED_WORDS.match(text)) \
        and not ends_sentence(text) and word_count(text) <= 30


class NavRunHeuristic(Heuristic):
    """Runs of menu items: several short lines in a row, none of them a sentence."""

    min_run = 4

    def _navlike(self, u: Unit) -> bool:
        t = u.text
        words = word_count(t)
        if ends_sentence(t) and words > 3:
            return False
        if u.link_ratio >= 0.6 and words <= 10:
            return True
        return words <= 4 and len(t) <= 40 and not _LONG_NUMBER.search(t)

    def flag(self, units):
        navlike = [self._navlike(u) for u in units]
        out = [False] * len(units)
        i = 0
        while i < len(units):
            if not navlike[i]:
                i += 1
                continue
            j = i
            while j < len(units) and navlike[j]:
                j += 1
            if j - i >= self.min_run:
                for k in range(i, j):
                    out[k] = True
            i = j
        return out


# A menu's items on one line: "Football | Cricket | Rugby Union | Tennis", "Newspapers - Toronto Sun -
# Calgary Sun - Ottawa Sun". A renderer that lays a list out inline writes its separators; a dash only
# separates with spaces on both sides (a hyphenated word is one item).
_MENU_SEPARATOR = regex.compile(r"\s+(?:[|•·]|[-–—](?=\s))\s*|(?<=\S)[|•·](?=\S)")
_BAR_OR_BULLET = regex.compile(r"[|•·]")
_SEPARATOR_MARK = re.compile(r"[|•·]| [-–—]")  # what _MENU_SEPARATOR needs, found without backtracking
_HAS_LETTER = regex.compile(r"\p{L}")
_MIN_MENU_ITEMS = 5
_LONGEST_MENU_ITEM = 5  # words


class MenuLineHeuristic(Heuristic):
    """Five or more short items on one line between separators, none of them a sentence."""

    def flag(self, units):
        items = [_menu_items(u.text) for u in units]
        out = []
        for i, row in enumerate(items):
            # A neighbour with as many items is the next row of a table ("DL | Myles Garrett | 57 |
            # 77%"), which is content; a menu is one line.
            table = any(0 <= j < len(items) and len(items[j]) == len(row) for j in (i - 1, i + 1))
            out.append(bool(row) and not table and _is_menu_line(units[i].text, row))
        return out


def _menu_items(text: str) -> list[str]:
    """The items of a line split at its separators; [] when it has too few to be a menu."""
    # Cheap exit: nearly every line has fewer separators than a menu's items (a hyphen inside a word
    # is none, so only dashes after a space are counted).
    if len(text) > _LONGEST_MENU or len(_SEPARATOR_MARK.findall(text)) < _MIN_MENU_ITEMS - 1:
        return []
    items = [t for t in (x.strip() for x in _MENU_SEPARATOR.split(text)) if t]
    return items if len(items) >= _MIN_MENU_ITEMS else []


def _is_menu_line(text: str, items: list[str]) -> bool:
    # A menu's items name things: two without a letter ("57", "85%", "3.0") make the line a row of
    # figures or a code a renderer let through. One may be a section's number ("606", "24/7").
    if sum(1 for t in items if not _HAS_LETTER.search(t)) >= 2:
        return False
    # Dashes also set off asides in a sentence ("He went - as ever - to the shop - ..."): a line of
    # dashed items that ends as a sentence is prose. Pipes and bullets are not punctuation of prose.
    if ends_sentence(text) and not _BAR_OR_BULLET.search(text):
        return False
    # A list of sentences ("It rained. - He left.") or of teasers with their summaries is not a menu;
    # one longer item (a label "News:" run into its first entry, a sentence at the end) is allowed.
    short = sum(1 for t in items if word_count(t) <= _LONGEST_MENU_ITEM and not ends_sentence(t))
    return short >= len(items) - 1 and short * 5 >= len(items) * 4


class LinkListHeuristic(Heuristic):
    """Lines that are almost all link text (markdown and text-browser dumps say which text was a link)."""

    def flag(self, units):
        out = []
        dense = [u.link_ratio >= 0.75 for u in units]
        for i, u in enumerate(units):
            linky = dense[i] and word_count(u.text) <= 20
            neighbour = any(dense[j] for j in (i - 1, i + 1) if 0 <= j < len(units))
            out.append(linky and (neighbour or word_count(u.text) <= 6))
        return out


_SECTION_NAME_WORDS = 3


class TeaserHeuristic(Heuristic):
    """Lists of other stories: "HeadlineSummary" glued, or four or more headline + one-paragraph pairs."""

    def flag(self, units):
        out = [_glued_teaser(u.text) or _headlines_run_into_summaries(u.text) for u in units]
        # Two or more headlines run into their story's dateline make a list of other stories.
        datelined = [i for i, u in enumerate(units) if _datelined_teaser(u.text)]
        if len(datelined) >= 2:
            for i in datelined:
                out[i] = True
        headline = [_headline_sized(u.text) for u in units]  # a label is headline-sized too

        def pair(j: int) -> bool:
            return j + 1 < len(units) and headline[j] and not headline[j + 1] \
                and word_count(units[j + 1].text) >= 8 and word_count(units[j].text) >= 3

        i = 0
        while i < len(units) - 1:
            j, sections, blurbs = i, [], []
            while True:
                # A box of other stories grouped by section ("Canada", "Health") goes on past the
                # section's name, when sections of two or more pairs stand on either side of it: a
                # story's last subheaded section beside a box, or a gallery's numbered pictures,
                # give one pair per name.
                if len(blurbs) >= 2 and pair(j + 1) and headline[j] \
                        and word_count(units[j].text) <= _SECTION_NAME_WORDS:
                    sections.append(blurbs)
                    blurbs, name = [], j
                    j += 1
                if not pair(j):
                    break
                blurbs.append(j + 1)
                j += 2
            if sections and len(blurbs) < 2:  # the last name opened no section of the box
                j, blurbs = name, []
            blurbs = [k for section in sections for k in section] + blurbs
            if len(blurbs) >= 4 and _blurb_sized(units, blurbs):
                for k in range(i, j):
                    out[k] = True
                i = j
            else:
                i += 1
        for k in _truncated_teasers(units):
            out[k] = True
        for k in _dated_records(units):
            out[k] = True
        for k in _doubled_headline_cards(units):
            out[k] = True
        return out


# A card prints its headline twice: over or as the picture (its alt text, a text browser's
# rendering of the image link) and as the link under it, a few lines apart.
_DOUBLE_REACH = 3
# Cards of one box follow each other closely: a section label, an "Advertisement" or a card
# whose headline is printed once may sit between two doubled headlines, not a story's paragraphs.
_CARD_REACH = 8


def _doubled_headline_cards(units: Sequence[Unit]) -> list[int]:
    """Three or more cards in a row, each with its own headline printed twice, and their blurbs.

    A story repeats its own headline once (over the byline and in the page's title); a box of
    other stories repeats each of its headlines, which are all different. A line printed twice
    close together with another line between is rare in prose: a refrain repeats one line, which
    is why the headlines of a box must differ.
    """
    n = len(units)
    words = [word_count(u.text) for u in units]
    keys = [" ".join(words_of(u.text)).casefold()
            if 3 <= w <= _LONGEST_HEADLINE and not u.text.rstrip().endswith(".") else None
            for u, w in zip(units, words, strict=True)]
    doubles = []  # (first copy, second copy)
    for i, key in enumerate(keys):
        if key is None or (doubles and i <= doubles[-1][1]):
            continue
        twin = next((j for j in range(i + 1, min(n, i + 1 + _DOUBLE_REACH)) if keys[j] == key), None)
        if twin is not None:
            doubles.append((i, twin))
    out: list[int] = []
    group: list[tuple[int, int]] = []
    for pair in [*doubles, None]:
        if pair is not None and group and pair[0] - group[-1][1] <= _CARD_REACH \
                and _one_blurb_between(words, group[-1][1] + 1, pair[0]):
            group.append(pair)
            continue
        if len(group) >= _MIN_CARDS and len({keys[i] for i, _ in group}) == len(group):
            out.extend(range(group[0][0], _card_end(units, words, group[-1][1]) + 1))
        group = [pair] if pair is not None else []
    return out


def _one_blurb_between(words: Sequence[int], start: int, end: int) -> bool:
    """Between two cards' headlines, the first card's blurb at most and short lines: a picture
    printed twice (its text and its caption) between a story's paragraphs has more prose around it."""
    long = [w for w in words[start:end] if w > _LONGEST_HEADLINE]
    return len(long) <= 1 and all(w <= _LONGEST_BLURB for w in long)


def _card_end(units: Sequence[Unit], words: Sequence[int], headline: int) -> int:
    """The last unit of the card whose (second) headline is at ``headline``: its blurb, right under
    it or under one short line of source or section names, if it has one."""
    def blurb(k: int) -> bool:
        return k < len(units) and 5 <= words[k] <= _LONGEST_BLURB

    if blurb(headline + 1):
        return headline + 1
    if headline + 2 < len(units) and _headline_sized(units[headline + 1].text) and blurb(headline + 2):
        return headline + 2
    return headline


# A teaser card's stamp: "Tuesday November 19, 2019", "Becket Adams Nov 19, 2019", "7H ago 08:51",
# "Nov 18 52 photos"; a short line, with the author's name or a count beside the date at most.
_CARD_STAMP = regex.compile(
    rf"{DAY_DATE}|{CLOCK}|\b{MONTH}\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{MONTH}\b"
    r"|\b\d+\s*(?:s|sec|m|min|h|hr|d|w|seconds?|minutes?|hours?|days?|weeks?)\s*ago\b", regex.IGNORECASE)
_CARD_STAMP_WORDS = 10
# Three cards in a row make a list (a story rarely dates three sections running; when it does,
# as a timeline, its sections are longer than a blurb, see _blurb_sized).
_MIN_CARDS = 3


def _dated_records(units: Sequence[Unit]) -> list[int]:
    """Teaser cards of headline, stamp and blurb (or headline, blurb, stamp), three or more in a row.

    The cards of a "more stories" box carry their date (and author) on a line of their own, or
    two (the author's name, then the date), which breaks the headline + blurb alternation the
    plain teaser list looks for.
    """
    n = len(units)
    words = [word_count(u.text) for u in units]

    @functools.cache
    def stamp(k: int) -> bool:
        # Asked last and only of lines in the right place: the pattern is the costly test.
        return k < n and words[k] <= _CARD_STAMP_WORDS and _HAS_DIGIT.search(units[k].text) is not None \
            and _CARD_STAMP.search(units[k].text) is not None

    shaped = [2 <= w <= 20 and not u.text.rstrip().endswith(".") for w, u in zip(words, units, strict=True)]

    def headline(k: int) -> bool:
        return k < n and shaped[k] and not stamp(k)

    def blurb(k: int) -> bool:
        return k < n and 5 <= words[k] <= 2 * _LONGEST_BLURB and not stamp(k)

    def name(k: int) -> bool:
        return k < n and words[k] <= 5 and not ends_sentence(units[k].text)

    def picture(k: int) -> bool:
        return k < n and words[k] <= 20 and not ends_sentence(units[k].text) and not stamp(k)

    def card(j: int, stamp_first: bool) -> tuple[int, int, int, str | None] | None:
        """(length, blurb's offset, stamp's offset, picture's line) of the card opening at j, or None.

        A card may open with its picture's line above the headline (the alt text or file name a
        text browser prints for the image).
        """
        plain = bare_card(j, stamp_first)
        if plain is None and picture(j) and (under := bare_card(j + 1, stamp_first)) is not None:
            return under[0] + 1, under[1] + 1, under[2] + 1, folded(units[j].text)
        return (*plain, None) if plain else None

    def bare_card(j: int, stamp_first: bool) -> tuple[int, int, int] | None:
        if not headline(j):
            return None
        if not stamp_first:
            return (3, 1, 2) if blurb(j + 1) and stamp(j + 2) else None
        if blurb(j + 2) and stamp(j + 1):
            return 3, 2, 1
        if blurb(j + 3) and name(j + 1) and stamp(j + 2):
            return 4, 3, 2
        return None

    out: list[int] = []
    i = 0
    while i < n - 2:
        if not headline(i):
            i += 1
            continue
        # With a stamp above the first headline, the stamps open the entries below them (a live
        # blog's times, each over its own update): they are not cards signed at their foot.
        for stamp_first in (True, False) if i == 0 or not stamp(i - 1) else (True,):
            j, blurbs, stamps, lengths, pictures = i, [], [], [], []
            while (c := card(j, stamp_first)) is not None:
                lengths.append(c[0])
                blurbs.append(j + c[1])
                stamps.append(j + c[2])
                pictures.append(c[3])
                j += c[0]
            # Cards of one box mostly share one shape (the author's name on a line of its own or
            # beside the date); a last card of the other shape is the page going on: the story's
            # own headline under its date, after a "Back to the list" link.
            while len(lengths) > 1 and lengths.count(lengths[-1]) == 1:
                j -= lengths.pop()
                blurbs.pop()
                stamps.pop()
                pictures.pop()
            # Each card's picture is its own; a line repeated over every entry is a comment
            # thread's "Like" or "Reply" link.
            pictures = [p for p in pictures if p is not None]
            if len(set(pictures)) < len(pictures):
                continue
            if len(blurbs) >= _MIN_CARDS and _blurb_sized(units, blurbs) and not _timeline(units, stamps):
                out.extend(range(i, j))
                i = j
                break
        else:
            i += 1
    return out


def _timeline(units: Sequence[Unit], stamps: Sequence[int]) -> bool:
    """Full dates running forward in time: a story's timeline ("March 6, 2023" ... "March 19,
    2023"), told in short dated entries. A box of other stories lists the newest first."""
    from .metadata import parse_date  # metadata builds on this module's word counts

    dates = [parse_date(units[k].text) for k in stamps]
    return all(dates) and all(a < b for a, b in zip(dates, dates[1:], strict=False))


_LONGEST_HEADLINE = 16


def _headline_sized(text: str) -> bool:
    """A teaser's headline, label or date line: short, and not a sentence."""
    return word_count(text) <= _LONGEST_HEADLINE and not ends_sentence(text)


# A teaser's blurb is a sentence or two. Headline + long paragraph pairs are a story told in
# captioned sections (game reports under their scores, a listicle's entries), not a list of links.
_LONGEST_BLURB = 50


def _blurb_sized(units: Sequence[Unit], summaries: Sequence[int]) -> bool:
    sizes = sorted(word_count(units[k].text) for k in summaries)
    return sizes[len(sizes) // 2] <= _LONGEST_BLURB


# A blurb cut off by the site: "... Das könnte laut Experten eine illegale Parteispende…", "... from
# the [...]". The ellipsis follows a word (a sentence ending in "..." is a speaker trailing off), or
# is the bracketed mark of an excerpt.
_TRUNCATED = regex.compile(r"(?:(?<=[\p{L}\p{N},;])\s?(?:…|\.{3,})|\s?[\[(](?:…|\.{3})[\])])\s*$")
# A story's own paragraph may trail off too, but is long; a blurb is the site's first few lines.
_LONGEST_TRUNCATED_BLURB = 60
# Blurbs further apart than this, or with a sentence between them, are not one list.
_TRUNCATED_GAP = 4


def _truncated_teasers(units: Sequence[Unit]) -> list[int]:
    """Two or more cut-off blurbs, with only headlines, labels and dates between them: other stories.

    Each blurb's own headline, label or date above it goes with it (up to two short lines above
    the first blurb)."""
    blurbs = [i for i, u in enumerate(units)
              if "…" in u.text[-4:] or "..." in u.text[-5:] or "[" in u.text[-6:] or "(" in u.text[-6:]]
    blurbs = [i for i in blurbs if 8 <= word_count(units[i].text) <= _LONGEST_TRUNCATED_BLURB
              and _TRUNCATED.search(units[i].text)]
    if len(blurbs) < 2:
        return []

    def short(k: int) -> bool:
        return _headline_sized(units[k].text)

    groups: list[list[int]] = []
    for i in blurbs:
        last = groups[-1][-1] if groups else None
        if last is not None and i - last <= _TRUNCATED_GAP and all(short(k) for k in range(last + 1, i)):
            groups[-1].append(i)
        else:
            groups.append([i])
    out: list[int] = []
    for group in groups:
        if len(group) < 2 or _speakers_taking_turns(units, group):
            continue
        first = group[0]
        while first > 0 and group[0] - first < 2 and short(first - 1):
            first -= 1
        out.extend(range(first, group[-1] + 1))
    return out


def _speakers_taking_turns(units: Sequence[Unit], group: Sequence[int]) -> bool:
    """The short lines over the cut-off blurbs are two or more names that come back right after: a
    transcript whose speakers break off ("MINISTER" / "... and we have been honest..."), not
    teasers, whose headlines differ and whose one section label ("Politics") repeats alone."""
    over = [folded(units[k].text) for k in range(max(group[0] - 1, 0), group[-1]) if k not in group]
    near = [folded(units[k].text)
            for k in range(max(group[0] - 1, 0), min(len(units), group[-1] + 1 + _TRUNCATED_GAP))]
    return len(set(over)) >= 2 and all(word_count(t) <= 3 and not _HAS_DIGIT.search(t) and near.count(t) >= 2
                              for t in over)


def _glued_teaser(text: str) -> bool:
    """An innertext teaser: a Title Case headline run into its summary ("...In NASCAR FinaleFord v Toyota...")."""
    m = _GLUE.search(text)
    if not m:
        return False
    head = text[: m.start() + 1].split()
    caps = sum(1 for w in head if w[:1].isupper() or not w[:1].isalpha())
    return len(head) >= 4 and caps >= 0.7 * len(head) and word_count(text[m.start() + 1:]) >= 5


# A box of other stories that a renderer ran into one paragraph, a space between each headline and
# its summary: "Roadside bomb kills Quebec soldier in Afghanistan A soldier from Quebec was killed
# ... 3 militants sentenced to life for trying to kill Musharraf Three militants were sentenced ...".
_SENTENCE_BREAK = regex.compile(r"(?<=[.!?][\"”’']?)\s+(?=[\"“‘']?[\p{Lu}\d])")
_MIN_TEASER_BOX_WORDS = 50  # two headlines and their summaries
_LONGEST_RUN_ON_HEADLINE = 16  # words
_SUMMARY_REACH = 30  # words of the summary in which the headline's words come back
_HEAD_ENDS = frozenset(".!?:;")
_INITIALS = regex.compile(r"(?:\p{Lu}\.){1,3}")  # "B.C.", "U.S.": no stop


def _stops(word: str) -> bool:
    return word[-1:] in _HEAD_ENDS and not _INITIALS.fullmatch(word)


def _headlines_run_into_summaries(text: str) -> bool:
    """Half or more of a long paragraph's sentences (two at least) open with a headline run into them."""
    if not word_count_at_least(text, _MIN_TEASER_BOX_WORDS):
        return False
    sentences = [s for s in _SENTENCE_BREAK.split(text) if word_count_at_least(s, 6)]
    need = max(2, (len(sentences) + 1) // 2)
    hits = 0
    for i, sentence in enumerate(sentences):
        if hits + len(sentences) - i < need:
            return False  # too few sentences left to get there
        if _headline_then_summary(sentence):
            hits += 1
            if hits >= need:
                return True
    return False


def _headline_then_summary(sentence: str) -> bool:
    """A headline with no stop of its own, then a sentence saying again what it said.

    The summary repeats the headline's words ("Roadside bomb kills Quebec soldier" / "A soldier
    from Quebec was killed ... in a roadside bomb attack"); only the headline's lower-case words
    count, since a sentence may name a person or a firm twice.
    """
    words = sentence.split(None, _LONGEST_RUN_ON_HEADLINE + _SUMMARY_REACH)
    if len(words) < 8 or _stops(words[0]):
        return False
    keys: list[str | None] | None = None
    for k in range(3, min(_LONGEST_RUN_ON_HEADLINE, len(words) - 4)):
        if _stops(words[k - 2]):
            return False  # the opening has a stop of its own: a sentence, not a headline
        first = words[k][:1]
        if _stops(words[k - 1]) or words[k - 1][-1:] == "," or not (first.isupper() or first.isdigit()):
            continue
        # Cheap first: two of the opening's lower-case words come back as text further on.
        rest = " ".join(words[k:k + _SUMMARY_REACH]).lower()
        if sum(1 for w in words[:k] if len(w) >= 4 and w[:1].islower() and w[:4].lower() in rest) < 2:
            continue
        if keys is None:
            keys = [_topic_key(w) for w in words]
        head = {keys[j] for j in range(k) if keys[j] and words[j][:1].islower()}
        if len(head) >= 2:
            shared = head.intersection(keys[k:k + _SUMMARY_REACH])
            if len(shared) >= 2 and len(shared) >= 0.4 * len(head):
                return True
    return False


def _topic_key(word: str) -> str | None:
    """The first five letters of a word of four or more that is not a function word ("sentenced"
    and "sentences" share theirs); None for the rest."""
    w = word.strip(".,;:!?\"'“”‘’()[]").lower()
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    return w[:5] if len(w) >= 4 and w not in STOPWORDS else None


def _datelined_teaser(text: str) -> bool:
    """A headline run into its story's opening: "... may be deemed stateless WASHINGTON: Expressing ..."."""
    # Cheap exit: the dateline's colon or dash is missing from nearly every line.
    if ":" not in text and " -" not in text and " –" not in text and " —" not in text:
        return False
    m = _MID_DATELINE.search(text, 0, 400)
    if not m:
        return False
    head = text[:m.start()]
    # The dateline opens a story: after a sentence it is a new paragraph of the same story.
    return 4 <= word_count(head) <= 30 and not ends_sentence(head)


# A dateline in capitals inside a line ("NEW DELHI:", "NEW YORK (Reuters) -"), followed by the
# first sentence of its story.
_MID_DATELINE = regex.compile(r"(?<=\S\s+)(?-i:\p{Lu}{2,}(?:[\s-]\p{Lu}{2,}){0,2})\s*(?:\([^()]{1,30}\)\s*)?"
                              r"(?::|\s[-–—])\s+(?-i:\p{Lu})")


# A quote mark glues only as a closing one ('...said."The'): after a space it opens a quotation.
# A headline also ends in a figure ("... To 250,000The state"; a unit after a figure, "120Hz", is
# not a word of its own), and a summary may open with "A" ("... New Frita BatidosA new Cuban spot").
# A closing bracket does not glue: "(CNN)The" opens wire stories.
_GLUE = regex.compile(r"(?<=\p{Ll}{2}|[.!?]|\S[”’\"'])(?<!\b(?:Mc|Mac|De|La|Le|Di|O'))"
                      r"(?=\p{Lu}\p{Ll}|A\s\p{Ll})"
                      r"|(?<=\d)(?=\p{Lu}\p{Ll}{2})")


# "Jane on May 3, 2018 at 4:47 pm said:", "thelastchargersfan says:": the head of a reader comment.
_COMMENT_HEAD = regex.compile(r"\b(?:said|says|wrote|writes|replied)\s*:\s*$", regex.IGNORECASE)
_STAMP = regex.compile(rf"{DAY_DATE}|{CLOCK}", regex.IGNORECASE)


class CommentThreadHeuristic(Heuristic):
    """Readers' comments under the story: from the first comment head on, the rest of the page.

    A comment's head names its author and when they wrote, and ends in "said:"; its body is prose
    like the story's, which is why the heads, not the bodies, are looked for. One dated head or
    two bare ones ("Name says:") make a thread; a head in the story ("The minister said:") has
    no date, and a bare head in the past tense is read as a quotation, not a comment. Heads that
    come first ("Posted by: Name on 8:21pm Tue 1 Jan 08") make a thread when two people wrote.
    """

    def flag(self, units):
        heads = [i for i, u in enumerate(units) if _is_comment_head(u.text)]
        out = [False] * len(units)
        starts = []
        if len(heads) >= 2 or heads and _STAMP.search(units[heads[0]].text):
            starts.append(heads[0])
        posted = [(i, name) for i, u in enumerate(units) if (name := _posted_by(u.text))]
        if len(posted) >= 2 and _words_between(units, posted[0][0], posted[1][0]) >= _POST_WORDS:
            posted = posted[1:]  # the post's own head, above its body: the thread starts after it
        if len({name for _, name in posted}) >= 2:
            starts.append(posted[0][0])
        if starts:
            first = min(starts)
            out[first:] = [True] * (len(units) - first)
        return out


# Without a date, only the present tense of comment widgets ("Name says:"): stories introduce
# quotations with "Mr Smith said:", and two of those must not cut the story off.
_BARE_HEAD = regex.compile(r"\b(?:says|writes|replied)\s*:\s*$", regex.IGNORECASE)


# "Posted by: tom3465, farnworth on 8:21pm Tue 1 Jan 08": a comment's head standing before its
# body, or glued to it. A blog's own post says "Posted by Jane at 5:04 PM" too, once or once per
# post by the same hand, so a thread needs such heads by two different people. ("Written by X on
# DATE" is left out: it is how bylines, not comments, are written.) A comment is stamped to the
# minute, before or after its date; a post embedded from a social network is dated by its day
# ("Posted by Town Hall on Monday, February 7, 2022"), and a story quotes several such posts.
_POSTED_BY = regex.compile(rf"^(?:posted|submitted)\s+by\s*:?\s*(\S.{{0,50}}?)\s+(?:on|at)\s+"
                           rf"(?:\p{{L}}+\.?,?\s+)?(?:{DAY_DATE},?\s*(?:at\s+|@\s*|-\s*)?)?{CLOCK}",
                           regex.IGNORECASE)


# Words under a "Posted by" head that make it the post's own, not a comment's: few comments run
# this long, and a blog puts the same head over its post when its comments use it too.
_POST_WORDS = 150


def _words_between(units, start: int, end: int) -> int:
    return sum(word_count(units[j].text) for j in range(start, end))


def _posted_by(text: str) -> str | None:
    """The author's name if the line opens with a dated "Posted by NAME on DATE" head."""
    if text[:1] not in "PpSs":  # every line of every page comes here
        return None
    m = _POSTED_BY.match(text)
    return m.group(1).casefold().strip(" ,|-") if m else None


def _is_comment_head(text: str) -> bool:
    # ":" in text: the pattern's own colon, tested first as every line of every page comes here
    if ":" not in text or not _COMMENT_HEAD.search(text) or word_count(text) > 16:
        return False
    if _STAMP.search(text):
        return True
    return bool(_BARE_HEAD.search(text)) and word_count(_BARE_HEAD.sub("", text)) <= 3


LIST_HEADERS = frozenset({"related-list", "read-more"})


def lists_after_headers(units: Sequence[Unit], reasons: Sequence[str | None]) -> dict[int, str]:
    """After "Related stories" or "Also read" comes a list of headlines: short lines, no sentences.

    Returns {index: header reason} for the unflagged lines of such lists.
    """
    out: dict[int, str] = {}
    i = 0
    while i < len(units):
        if reasons[i] in LIST_HEADERS and word_count(units[i].text) <= 6:
            j = i + 1
            while j < len(units) and not reasons[j] and word_count(units[j].text) <= 20 \
                    and not ends_sentence(units[j].text):
                out[j] = reasons[i]
                j += 1
            i = j
        else:
            i += 1
    return out


# A text ad's display address: a bare host name, no words around it ("www.example.co.uk",
# "PDA.ClickCompare.info"); it ends in letters, which a figure ("4.5", "12.99") does not.
_DISPLAY_ADDRESS = regex.compile(r"(?:https?://)?[\w-]+(?:\.[\w-]+)*\.\p{L}{2,}/?")
# Each ad is its title, its line of copy and its address: the next address comes within this reach.
_AD_REACH = 3


def ads_after_labels(units: Sequence[Unit], reasons: Sequence[str | None]) -> dict[int, str]:
    """After "Sponsored Links" come text ads: title, copy and web address, two or more of them.

    Returns {index: "advert"} for the ads' units. The addresses tell the ads: a story paragraph
    after an "Advertisement" label is not followed, every few lines, by a bare host name.
    """
    out: dict[int, str] = {}
    last = -1
    for i, reason in enumerate(reasons):
        if reason != "advert" or i <= last:
            continue
        addresses, j = [], i + 1
        while j < len(units) and j - (addresses[-1] if addresses else i) <= _AD_REACH \
                and word_count(units[j].text) <= 40:
            if "." in units[j].text and _DISPLAY_ADDRESS.fullmatch(units[j].text.strip()):
                addresses.append(j)
            j += 1
        if len(addresses) >= 2:
            last = addresses[-1]
            for k in range(i + 1, last + 1):
                out[k] = "advert"
    return out


WIDGETS = (
    WidgetHeuristic("ticker", "stock tickers and index rows (name, price, change, time)", "ticker"),
    WidgetHeuristic("market-list", "market lists: Most Active Stocks, Top Gainers, Top Losers, 52 Week High",
                    "market-list"),
    WidgetHeuristic("price-widget", "commodity price boxes: gold by karat and city, silver, fuel by city",
                    "price-widget"),
)
# The blog engines' author box ends with a link to the author's other posts: "View all posts by
# Jane Doe", "Zeige alle Beiträge von Jane Doe →".
_ALL_POSTS = regex.compile(
    r"^(?:(?:view|see)\s*all\s*(?:posts|articles|stories|entries)\s*by|(?:more|all)\s*(?:posts|articles|stories)\s*by"
    r"|(?:zeige\s*)?alle\s*(?:beiträge|artikel|einträge)\s*von|weitere\s*(?:beiträge|artikel)\s*von"
    r"|voir\s*tous\s*les\s*(?:articles|billets)\s*(?:de|par)|ver\s*tod[ao]s\s*(?:las\s*entradas|los\s*art[ií]culos|os\s*posts)\s*de"
    r"|vedi\s*tutti\s*gli\s*articoli\s*di|zobacz\s*wszystkie\s*wpisy)\s+(?P<name>[^→»›>]{2,60}?)\s*[→»›>.]*$",
    regex.IGNORECASE,
)
_BOX_LOOKBACK = 4  # units above the link: the name or "About Jane Doe", the biography's lines
_BOX_HEAD_WORDS = 8


class AuthorBoxHeuristic(Heuristic):
    """The author's box under a post: name, a short biography, "View all posts by NAME".

    The link alone is certain; the lines above it are the box only back to a short line that names
    the same author ("About Jane Doe", "Jane Doe", "Published by Jane Doe"), so that the story's
    last paragraph, right above a box without a biography, stays.
    """

    def flag(self, units):
        out = [False] * len(units)
        for i, u in enumerate(units):
            m = _ALL_POSTS.match(u.text.strip())
            if not m:
                continue
            out[i] = True
            name = m.group("name").casefold()
            for j in range(i - 1, max(-1, i - 1 - _BOX_LOOKBACK), -1):
                head = units[j].text
                if word_count(head) <= _BOX_HEAD_WORDS and name in head.casefold():
                    out[j:i] = [True] * (i - j)
                    break
        return out


NAVIGATION = (
    CommentThreadHeuristic("comment-thread", "readers' comments: everything from the first comment head on"),
    AuthorBoxHeuristic("author-box", "author boxes under a post: name, biography, View all posts by NAME"),
    TeaserHeuristic("teaser", "lists of other stories: headlines with their summaries"),
    GluedNavHeuristic("glued-nav", "menu words glued together"),
    BreadcrumbHeuristic("breadcrumb", "breadcrumb trails, alone or glued to the headline"),
    MenuLineHeuristic("menu-line", "menu items on one line: Football | Cricket | Rugby Union | Tennis"),
    NavRunHeuristic("nav-run", "runs of short menu lines"),
    LinkListHeuristic("link-list", "lines that are all link text"),
)
# Order is priority: a line the phrase lists name precisely keeps that name even inside a widget.
ALL: tuple[Heuristic, ...] = (*PHRASES, *WIDGETS, *NAVIGATION)
BY_CODE = {h.code: h for h in ALL}
