"""Text analysis shared by the knowledge base's side and the query's side of matching.

Normalisation (case, accents, quotes, dashes, invisible characters), tokenisation that keeps
codes such as '287(g)', 'I-9' and 'U.S.' whole, number words as digits, a small stemmer,
English function words, and set phrases that carry no topic. Pure functions.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Function words of English. They carry no topic; everything else is weighted from the data.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren as at be because been before being below between
    both but by can cannot could couldn did didn do does doesn doing don down during each few for from further get gets
    getting got had hadn has hasn have haven having he her here hers herself him himself his how i if in into is isn it
    its itself just let lets me might more most much must my myself no nor not now of off on once only or other ought our
    ours ourselves out over own please same shall she should shouldn so some such tell than that the their theirs them
    themselves then there these they this those through to too under until up us very was wasn we were weren what when
    where which while who whom whose why will with won would wouldn you your yours yourself yourselves also really
    actually exactly basically anyone someone something anything thing things know want need like way explain mean
    means s t d ll m re ve y""".split()
)

# Set phrases of everyday English that say nothing about the topic ("who runs ICE right now" is not
# about rights). Dropped from queries before matching, like function words. Written as the tokenizer
# gives them (number words become digits).
FILLER_PHRASES = (
    ("right", "now"),
    ("right", "away"),
    ("these", "days"),
    ("this", "day"),
    ("at", "the", "moment"),
    ("in", "a", "nutshell"),
    ("bottom", "line"),
    ("short", "version"),
    ("long", "story", "short"),
    ("by", "the", "way"),
    ("of", "course"),
    ("kind", "of"),
    ("sort", "of"),
    ("a", "lot"),
    ("for", "real"),
    ("in", "general"),
    ("like", "im", "5"),
)

_TRANSLATE: dict[int, str | None] = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4`"}
_TRANSLATE.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033"})
_TRANSLATE.update({ord(c): " " for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_TRANSLATE.update({ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"})
_TOKEN_RE = re.compile(r"\d+\([a-z]\)|(?:[a-z]\.){2,}|[a-z0-9]+(?:['\-][a-z0-9]+)*")
MAX_QUERY_CHARS = 2000


def normalize(text: str) -> str:
    """Fold case, accents, width, quotes and dashes, and strip invisible characters."""
    if not text.isascii():  # most text is ASCII: skip the per-character work
        text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


_VOWELS = frozenset("aeiouy")
_STEP2 = (
    ("ational", "ate"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("ership", "er"),
    ("fulness", "ful"),
    ("ibility", "ible"),
    ("ability", "able"),  # responsibility -> responsible, as Porter does
)
_STEP3 = ("ement", "ment", "ance", "ence", "able", "ible", "ism", "ist", "ity", "ate", "ive", "ize", "ion", "al")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Strip common English endings so 'deported', 'deportation' and 'deports' meet.

    A small Porter-style stemmer: plurals, then -ed/-ing, then one derivational suffix,
    then a final e, each only when enough of the word remains. Only consistency matters:
    the same function stems the knowledge base and the query.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and _VOWELS & set(word[: -len(suffix)]):
            word = word[: -len(suffix)]
            if word.endswith(("at", "bl", "iz")):
                word += "e"
            elif len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # stopped -> stop
            break
    for suffix, repl in _STEP2:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + repl
            break
    for suffix in _STEP3:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            if suffix != "ion" or word[-4] in "st":
                word = word[: -len(suffix)]
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def tokenize(text: str, stem_words: bool = True) -> list[str]:
    """Split normalized text into (stemmed) tokens; '287(g)', 'I-9' and 'U.S.' stay whole."""
    words, stemmed = words_of(text)
    return stemmed if stem_words else words


_UNITS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {w: 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}


def numbers(words: list[str]) -> list[tuple[int, int, str]]:
    """Runs of number words ('four hundred', 'twenty five'), as (start, end, digits)."""
    runs = []
    i = 0
    while i < len(words):
        j, total, current, last = i, 0, 0, ""  # last: what the previous word was (unit, tens, scale)
        while j < len(words):
            w = words[j]
            if w in _UNITS and last in ("", "tens", "scale", "hundred"):
                current += _UNITS[w]
                last = "unit"
            elif w in _TENS and last in ("", "scale", "hundred"):
                current += _TENS[w]
                last = "tens"
            elif w in _SCALES and _SCALES[w] == 100 and last in ("unit", "tens"):
                current *= 100
                last = "hundred"
            elif w in _SCALES and _SCALES[w] > 100 and last in ("unit", "tens", "hundred"):
                total, current = total + current * _SCALES[w], 0  # 'four hundred thousand'
                last = "scale"
            elif w == "and" and last in ("scale", "hundred") and j + 1 < len(words) and (words[j + 1] in _UNITS or words[j + 1] in _TENS):
                pass  # 'four hundred and twenty'
            else:
                break
            j += 1
        if j > i:
            runs.append((i, j, str(total + current)))
            i = j
        else:
            i += 1
    return runs


def words_of(text: str) -> tuple[list[str], list[str]]:
    """The text's tokens as written, and the same tokens stemmed (function words and codes are left alone)."""
    words: list[str] = []
    stemmed: list[str] = []
    for raw in _TOKEN_RE.findall(normalize(text)):
        if "(" in raw or "." in raw:
            token = raw.replace("(", "").replace(")", "").replace(".", "")
            words.append(token)
            stemmed.append(token)
            continue
        raw = raw.replace("'", "")
        parts = raw.split("-")
        if len(parts) > 1 and (len(parts[0]) <= 2 or any(p.isdigit() for p in parts)):
            token = "".join(parts)  # i-9, e-verify, i-247a: one token
            words.append(token)
            stemmed.append(token)
        else:
            for p in parts:
                if p:
                    words.append(p)
                    stemmed.append(p if p in STOPWORDS else stem(p))
    for start, end, digits in reversed(numbers(words)):  # 'four hundred' and '400' are one token
        words[start:end] = [digits]
        stemmed[start:end] = [digits]
    return words, stemmed


def content(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in STOPWORDS]


def drop_fillers(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        hit = next((p for p in FILLER_PHRASES if tuple(words[i : i + len(p)]) == p), None)
        if hit is None:
            out.append(words[i])
            i += 1
        else:
            i += len(hit)
    return out
