"""Typo correction: how many edits a word of each length may have, and which candidate wins."""

from __future__ import annotations

from icefaq.match.spelling import correct, max_edits
from icefaq.match.text import stem


def test_longer_words_tolerate_more_edits():
    assert [max_edits("x" * n) for n in (5, 6, 8, 9, 14)] == [0, 1, 1, 2, 2]


def test_far_away_words_are_left_alone():
    assert correct("zzzzzzz", ["removal"], {}) == "zzzzzzz"


def test_five_letter_words_are_corrected_only_for_swapped_letters():
    assert correct("black", ["block"], {}) == "black"
    assert correct("blcok", ["block"], {}) == "block"


def test_six_to_eight_letter_words_take_one_edit_not_two():
    assert correct("arrist", ["arrest"], {}) == "arrest"
    assert correct("removel", ["removal"], {}) == "removal"
    assert correct("remuvel", ["removal"], {}) == "remuvel"
    assert correct("dapurted", ["deported"], {}) == "dapurted"


def test_nine_letters_and_up_take_two_edits_not_three():
    assert correct("datantion", ["detention"], {}) == "detention"
    assert correct("invastigatoin", ["investigation"], {}) == "investigation"
    assert correct("invastigetoin", ["investigation"], {}) == "invastigetoin"


def test_among_equally_close_words_a_function_word_wins():
    assert correct("waht", ["wath", "what"], {stem("wath"): 0.1, stem("what"): 3.0}) == "what"


def test_among_equally_close_words_the_more_common_wins():
    known = {stem("police"): 1.0, stem("poise"): 5.0}
    assert correct("polise", ["poise", "police"], known) == "police"
