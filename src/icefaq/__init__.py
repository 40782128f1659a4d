"""icefaq: cited, neutral answers about what U.S. Immigration and Customs Enforcement (ICE) does.

Use it as a library::

    import icefaq
    kb = icefaq.load()                       # the packaged knowledge base
    answer = icefaq.ask("what does ERO do", kb)
    if answer.matched:
        print(answer.matches[0].entry.answer)

The names below are imported on first use, so that the command line, which needs only a
few of the modules, does not pay at start-up for the rest.
"""

from __future__ import annotations

__version__ = "0.1.0"

_EXPORTS = {
    "Answer": "model",
    "DataError": "errors",
    "Entry": "model",
    "IcefaqError": "errors",
    "KnowledgeBase": "model",
    "Match": "model",
    "Problem": "model",
    "QueryError": "errors",
    "Source": "model",
    "Topic": "model",
    "ask": "match",
    "load": "knowledge",
    "validate": "knowledge",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'icefaq' has no attribute {name!r}")
    from importlib import import_module  # noqa: PLC0415

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
