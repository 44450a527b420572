"""Exact upper bounds on rapidfuzz's scores from the characters two names share, so a fuzzy search scores
only the names that can reach its cutoff.

A search of one name against every candidate (4,515 of them) or every seat costs a score per pair; most
pairs share too few characters to come near the cutoff. Counting shared characters for all of them at once
(numpy over a table of character counts) is far cheaper than scoring them, and what a bound rules out scores
under the cutoff, which rapidfuzz reports as no match: the search over the rest finds the same matches,
scores and order.
"""
from __future__ import annotations

import numpy as np

_BUCKETS = 38  # a-z, 0-9, the space, anything else (one shared bucket only raises the bound)
_SLACK = 1e-3  # below the cutoff by less than this is kept: float rounding never rules out a match


def _bucket(ch: str) -> int:
    if "a" <= ch <= "z":
        return ord(ch) - ord("a")
    if "0" <= ch <= "9":
        return 26 + ord(ch) - ord("0")
    return 36 if ch == " " else 37


def plain(name: str) -> bool:
    """A name whose sorted and de-duplicated words hold the same characters as the name itself: WRatio's token
    forms of it are then anagrams of it, which `CharBound.may_reach_wratio` relies on."""
    words = name.split()
    return bool(words) and " ".join(words) == name and len(set(words)) == len(words)


class CharBound:
    """The characters of a list of names, for bounds on a name's score against each of them.

    `fuzz.ratio` is the indel ratio 2M/(l1+l2), M the characters matched in order, never more than C, the
    characters the two names share counted with repeats: at most 200C/(l1+l2).

    Every score `fuzz.WRatio` takes the best of compares the two names, their words sorted, their unshared
    words, or a window of one in the other, by that ratio. For two plain names (`plain`) with no word in
    common, those forms hold no characters but the names', so M is again at most C. The whole-name forms give
    at most 200C/(l1+l2); a window of the shorter name's length s or less (partial_ratio, only when one name
    is 1.5 times the other's length, scaled by 0.9 or less) gives at most 180C/(s+C), the best a window of C
    characters can do. A shared word makes the token scores 100, so such pairs are always scored, as are
    names that are not plain.
    """

    def __init__(self, names: list[str]):
        self.counts = np.zeros((_BUCKETS, len(names)), dtype=np.int16)
        for j, name in enumerate(names):
            for ch in name:
                self.counts[_bucket(ch), j] += 1
        self.lengths = np.array([len(n) for n in names], dtype=np.float64)
        self.unbounded = np.array([not plain(n) for n in names])
        self.by_word: dict[str, list[int]] = {}
        for j, name in enumerate(names):
            for w in set(name.split()):
                self.by_word.setdefault(w, []).append(j)

    def shared(self, name: str) -> np.ndarray:
        """C for each name of the list: the characters it shares with `name`, counted with repeats."""
        out = np.zeros(len(self.lengths), dtype=np.float64)
        wanted: dict[int, int] = {}
        for ch in name:
            k = _bucket(ch)
            wanted[k] = wanted.get(k, 0) + 1
        for k, n in wanted.items():
            out += np.minimum(self.counts[k], n)
        return out

    def may_reach_ratio(self, name: str, cutoff: float) -> np.ndarray:
        """Whether each name's `fuzz.ratio` against `name` may be `cutoff` or more (False: it is surely less)."""
        return 200.0 * self.shared(name) / (len(name) + self.lengths) >= cutoff - _SLACK

    def lengths_reach_ratio(self, length: int, cutoff: float) -> np.ndarray:
        """The looser bound for `fuzz.ratio` against a name of `length` characters, from the lengths alone (C is
        at most the shorter length): the same for every name of that length, so it can be worked out once."""
        return 200.0 * np.minimum(length, self.lengths) / (length + self.lengths) >= cutoff - _SLACK

    def may_reach_wratio(self, name: str, cutoff: float) -> np.ndarray:
        """Whether each name's `fuzz.WRatio` against `name` may be `cutoff` or more (False: it is surely less)."""
        if not plain(name):
            return np.ones(len(self.lengths), dtype=bool)
        shared = self.shared(name)
        n1, n2 = float(len(name)), self.lengths
        short, long = np.minimum(n1, n2), np.maximum(n1, n2)
        bound = 200.0 * shared / (n1 + n2)
        # partial_ratio counts from a length ratio of 1.5; from 1.4 here, to be safe of the float division
        partial = long >= 1.4 * short
        bound[partial] = np.maximum(bound[partial], 180.0 * shared[partial] / (short[partial] + shared[partial]))
        reach = (bound >= cutoff - _SLACK) | self.unbounded
        for w in set(name.split()):
            reach[self.by_word.get(w, [])] = True
        return reach
