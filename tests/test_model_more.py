"""Model details callers rely on: topic counts and immutable records."""

from __future__ import annotations

import pytest

from icefaq.model import Entry, KnowledgeBase, Topic


def test_topic_counts_include_empty_and_undeclared_topics():
    entries = (Entry("a", "t", "Q?", "A.", ()), Entry("b", "x", "Q?", "A.", ()), Entry("c", "x", "Q?", "A.", ()))
    kb = KnowledgeBase("K", (Topic("t", "T"), Topic("empty", "E")), entries, {})
    assert kb.topic_counts() == {"t": 1, "empty": 0, "x": 2}


def test_deleting_a_field_says_which_record_is_immutable():
    e = Entry("a", "t", "Q?", "A.", ())
    with pytest.raises(AttributeError, match=r"^Entry is immutable: cannot delete 'id'$"):
        del e.id
