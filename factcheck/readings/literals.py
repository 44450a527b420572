"""The plain words a cue's regular expression cannot match without.

Every figure is tried against a few hundred cue patterns, and almost all of
them fail. Most patterns cannot match unless one of a few plain words is in
the text ("\\bturn(?:ed)?[\\s-]?outs?\\b" needs "turn"), and looking for a
word in a string costs far less than running a regular expression over it.
So each pattern's needed words are worked out once, from the pattern's own
parse tree, and a pattern runs only on text that holds one of them: a
pattern that matches always passes the check, so no cue's outcome changes.

The words are lower-case ASCII and looked for in `folded` text. Under
`re.IGNORECASE` four characters outside ASCII match ASCII letters without
lower-casing to them (dotted and dotless i, long s, the Kelvin sign):
`folded` maps them to their letter first.
"""
from __future__ import annotations

import re
from typing import Optional

try:  # the parser `re` compiles with; public as sre_parse before 3.11
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

Needles = Optional[tuple[str, ...]]  # one of these is in every text the pattern matches; None: no such words

_ODD_CASES = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


_ODD = re.compile("[\u0130\u0131\u017f\u212a]")


def folded(text: str) -> str:
    """The text as needles are looked for in: lower-case, with the odd case-insensitive matches of ASCII
    letters mapped to them (looked for first: news text is seldom ASCII, for its quotes and dashes, and
    mapping every character costs more than finding none of the four)."""
    return (text.translate(_ODD_CASES) if not text.isascii() and _ODD.search(text) else text).lower()


def holds(words: Needles, low: str) -> bool:
    """Can a pattern whose `needles` are `words` match a text that is `low` once `folded`? (None: it may.)"""
    return words is None or any(w in low for w in words)


def needles(pattern: str, flags: int = 0) -> Needles:
    """Words one of which every match of `pattern` contains, or None where the pattern needs no word."""
    try:
        tree = _p.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unparseable pattern is reported where it is compiled
        return None
    return _sequence(list(tree))


def _better(a: Needles, b: Needles) -> Needles:
    """The more selective of two sets of needles: the one whose shortest word is longer."""
    if a is None:
        return b
    if b is None:
        return a
    return a if min(map(len, a)) >= min(map(len, b)) else b


def _sequence(items: list) -> Needles:
    best: Needles = None
    run: list[str] = []
    for op, arg in items + [(None, None)]:
        if op is _c.LITERAL and arg < 128:
            run.append(chr(arg).lower())
            continue
        if run:
            best = _better(best, ("".join(run),))
            run = []
        if op is not None:
            best = _better(best, _item(op, arg))
    return best


def _item(op, arg) -> Needles:
    if op is _c.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is _c.BRANCH:
        options = [_sequence(list(seq)) for seq in arg[1]]
        if any(o is None for o in options):
            return None
        return tuple(dict.fromkeys(w for o in options for w in o))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and arg[0] >= 1:
        return _sequence(list(arg[2]))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(arg))
    return None  # a class, a wildcard, an optional part, a look-around, an anchor: needs no word
