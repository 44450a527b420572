"""The per-article memo: answers are shared within one article's check and never outlive it."""
from __future__ import annotations

import threading

from factcheck.memo import one_article, remembered
from factcheck.models import Article
from factcheck.reference import aggregate as agg


def counting():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)
    return calls, compute


def test_outside_an_article_every_call_computes():
    calls, compute = counting()
    assert [remembered("t", "k", compute) for _ in range(3)] == [1, 2, 3]


def test_within_an_article_each_key_computes_once_and_the_memo_ends_with_it():
    calls, compute = counting()
    with one_article():
        assert remembered("t", "k", compute) == remembered("t", "k", compute) == 1
        assert remembered("t", "other", compute) == 2
        assert remembered("u", "k", compute) == 3  # another space, another answer
    with one_article():
        assert remembered("t", "k", compute) == 4  # a new article starts afresh
    assert len(calls) == 4


def test_an_answer_of_none_is_remembered_too():
    calls = []

    def nothing():
        calls.append(1)
        return None

    with one_article():
        assert remembered("t", "k", nothing) is None and remembered("t", "k", nothing) is None
    assert len(calls) == 1


def test_threads_do_not_share_an_article():
    seen = []

    def check():
        calls, compute = counting()
        with one_article():
            remembered("t", "k", compute)
            remembered("t", "k", compute)
        seen.append(len(calls))

    threads = [threading.Thread(target=check) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [1, 1, 1, 1]


def test_totals_are_the_same_inside_and_outside_an_article(ref):
    seats = agg.seats_in(ref, "Wales")
    outside = [agg.total(ref, p, seats) for p in ("Lab", "Con", "PC")]
    with one_article():
        inside = [agg.total(ref, p, seats) for p in ("Lab", "Con", "PC")]
        again = [agg.total(ref, p, list(seats)) for p in ("Lab", "Con", "PC")]
    assert outside == inside == again


def test_checking_an_article_twice_gives_the_same_report(checker):
    text = ("Labour won 411 seats on 33.7 per cent of the vote. In Wales, Labour took 27 of the 32 seats, "
            "and Plaid Cymru won four. Turnout across the UK was 59.7 per cent.")
    article = Article(source="memo-test", text=text)
    first, second = checker.check(article), checker.check(article)
    assert [c.model_dump() for c in first.claims] == [c.model_dump() for c in second.claims]
    assert first.claims  # the article's figures were read and judged
