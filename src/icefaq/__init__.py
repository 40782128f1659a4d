"""icefaq: cited, neutral answers about what U.S. Immigration and Customs Enforcement (ICE) does.

Use it as a library::

    import icefaq
    kb = icefaq.load()                       # the packaged knowledge base
    answer = icefaq.ask("what does ERO do", kb)
    if answer.matched:
        print(answer.matches[0].entry.answer)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import DataError, IcefaqError, QueryError
from .knowledge import load, validate
from .match import ask
from .model import Answer, Entry, KnowledgeBase, Match, Problem, Source, Topic

__all__ = [
    "Answer",
    "DataError",
    "Entry",
    "IcefaqError",
    "KnowledgeBase",
    "Match",
    "Problem",
    "QueryError",
    "Source",
    "Topic",
    "__version__",
    "ask",
    "load",
    "validate",
]
