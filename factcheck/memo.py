"""Answers asked for many times while one article is checked, worked out once.

Within one article many figures ask the same questions: the rows of the
country's seats, or of a nation's, for every national total; the places a
sentence names, for its figures, the article's home place and the area in
focus. `one_article()` opens a memo for one article's check, and
`remembered(space, key, compute)` computes each answer once inside it (and
every time outside it). The memo ends with the article, so no article's work
serves another: a benchmark that repeats its corpus measures the real cost.
The memo lives in a context variable, so checks running in parallel threads
(the server) each have their own.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Hashable, Iterator, Optional, TypeVar

T = TypeVar("T")

_ARTICLE: ContextVar[Optional[dict]] = ContextVar("factcheck_article_memo", default=None)


@contextmanager
def one_article(memo: Optional[dict] = None) -> Iterator[dict]:
    """The scope of one article's check; pass the memo it yields to enter the same article's scope again (a
    check made in two stages, with other articles' first stages between them)."""
    memo = {} if memo is None else memo
    token = _ARTICLE.set(memo)
    try:
        yield memo
    finally:
        _ARTICLE.reset(token)


def remembered(space: str, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, once per (space, key) within an article; the key must hold everything the answer depends on,
    and the caller must not change what it gets back."""
    memo = _ARTICLE.get()
    if memo is None:
        return compute()
    full = (space, key)
    got = memo.get(full, _MISSING)  # one lookup: a key may be a long tuple (a nation's seats), hashed anew each time
    if got is _MISSING:
        got = memo[full] = compute()
    return got


_MISSING = object()  # `None` is an answer too
