"""Sentences: spaCy's split, then every run too long to be a sentence cut into bounded pieces."""
from __future__ import annotations

import random
import re

import pytest

from factcheck.read.figures import find_quantities
from factcheck.read.sentences import (MAX_LINE, MAX_NUMBERS, MAX_SENTENCE, at_links, bounded, name_runs,
                                      needs_entities, sentences)


def figures(texts: list[str]) -> list[tuple[str, float]]:
    return [(q.text, q.value) for t in texts for q in find_quantities(t)]


# runs whose line breaks and full stops were lost, in the shapes the press prints figures
RUNS = {
    "prose": "Jo Bloggs won Anyshire North by 1,234 votes beating Sam Smith of the Green Party ",
    "hedged": "the majority fell to just under 2,000 while turnout was about 61.5 per cent ",
    "spaced": "Labour took 9 030 votes and the Tories 38, 765 votes in Westshire ",
    "block": "Labour - Jane Doe - 17,591 Elected Conservative - John Roe - 8,312 ",
    "signed": "Con 121 (-251) Lab 411 (+209) LD 72 (+64) ",
    "clauses": "Reform came second in 98 seats; the Greens won four, the SNP nine: a night of upsets. ",
}


@pytest.mark.parametrize("name", list(RUNS))
def test_a_long_run_is_cut_into_bounded_pieces_that_keep_every_figure(name):
    text = (RUNS[name] * 60).strip()
    pieces = bounded(text)
    assert len(pieces) > 1
    assert all(0 < len(p) <= MAX_SENTENCE for p in pieces)
    assert " ".join(pieces).split() == text.split()  # nothing lost, nothing added
    assert figures(pieces) == figures([text])  # no cut inside a figure, its hedge or its sign


def test_a_cut_keeps_a_hedge_and_a_name_with_the_figure():
    text = ("Jo Bloggs won by more than 1,200 votes and Sam Smith took about 400 votes and "
            "Anne-Marie Jones came third with 9 030 votes ") * 40
    for piece in bounded(text):
        words = piece.split()
        assert words[0] not in ("votes", "Bloggs", "Smith", "Jones", "1,200", "030")
        assert words[-1] not in ("Jo", "Sam", "Anne-Marie", "than", "about", "by", "9", "with")


def test_a_cut_prefers_the_end_of_a_clause():
    text = "Labour won the seat with a majority of 4,321 on a turnout of 58 per cent; " * 20
    assert all(p.endswith(";") for p in bounded(text)[:-1])


def test_short_text_is_left_alone():
    sentence = "Shockat Adam won Leicester South by 979 votes, a majority he called historic."
    assert bounded(sentence) == [sentence]


def test_bare_numbers_and_one_long_token():
    rng = random.Random(3)
    numbers = " ".join(str(rng.randint(1, 99_999)) for _ in range(2000))
    pieces = bounded(numbers)
    assert all(len(p) <= MAX_SENTENCE for p in pieces)
    assert " ".join(pieces).split() == numbers.split()
    token = "x" * 3000 + "12345" + "y" * 3000
    pieces = bounded(token)
    assert all(len(p) <= MAX_SENTENCE for p in pieces)
    assert "".join(pieces) == token


def test_a_dense_run_of_numbers_is_cut_by_their_count():
    text = "Ward results 12 7 431 9 88 " * 40
    pieces = bounded(text)
    assert all(len(re.findall(r"\d+", p)) <= MAX_NUMBERS for p in pieces)
    assert " ".join(pieces).split() == text.split()
    assert sum(len(re.findall(r"\d+", p)) for p in pieces) == 200


def test_a_digit_run_too_long_to_be_a_figure_is_left_out_not_cut_into_figures():
    assert bounded("He won by " + "9" * 5000 + " votes.") == ["He won by", "votes."]
    assert bounded("Totals: " + "1,234," * 1000 + "567 in all") == ["Totals:", "in all"]
    assert figures(bounded("7" * 100_000)) == []


def test_real_sentences_are_left_alone():
    """The longest and the most numerous sentences of real coverage are within both bounds."""
    results_line = "Liberal DemocratLib Dem 11 3 13 -10 11.6% +4.2% 3,696,423"
    assert bounded(results_line) == [results_line]
    long_prose = ("His challenger, an Alliance councillor, held her party's vote largely steady, polling only a few "
                  "hundred fewer votes than in 2019, while the unionist vote split three ways and the turnout, at "
                  "just over 52 per cent, was the lowest in the county since the seat was created, a fall that "
                  "party officials blamed on the early summer date and on the heat.")
    assert len(long_prose) < MAX_SENTENCE and bounded(long_prose) == [long_prose]


def test_sentences_hands_on_bounded_sentences_with_their_entities(checker):
    line = "Shockat Adam won Leicester South by 979 votes " * 80
    split = sentences(checker.nlp, [line, "A short line with 12 figures in it."])
    assert len(split) > 2
    assert all(len(s) <= MAX_SENTENCE for s, _ in split)
    for s, ents in split:
        for start, end, label in ents:
            assert 0 <= start < end <= len(s)
    people = [s[a:b] for s, ents in split for a, b, label in ents if label == "PERSON"]
    assert "Shockat Adam" in people


def test_a_web_address_ends_a_sentence_even_glued_to_the_text(checker):
    """An embedded post that lost its line breaks: its last result and the projection after it are two
    sentences, split at the address, which is left out."""
    line = ("Exampletown: LAB 41.2% (+3.0) GRN: 7.5% (+4.7)Labour HOLD.https://t.co/abc123— Someone (@someone) "
            "July 4, 2024 Reform are projected to finish second in 155 seats.")
    assert at_links(line) == ["Exampletown: LAB 41.2% (+3.0) GRN: 7.5% (+4.7)Labour HOLD.",
                              " Someone (@someone) July 4, 2024 Reform are projected to finish second in 155 seats."]
    assert at_links("No address here, 979 votes.") == ["No address here, 979 votes."]
    split = [s for s, _ in sentences(checker.nlp, [line])]
    assert any(s.endswith("Labour HOLD.") and "7.5%" in s for s in split)
    assert not any("7.5%" in s and "projected" in s for s in split) and not any("t.co" in s for s in split)


def test_a_line_longer_than_spacy_accepts_is_read(checker):
    """spaCy refuses a text over nlp.max_length (a million characters); the line is cut first."""
    line = "the count went on through the night in every hall " * (checker.nlp.max_length // 40)
    assert len(line) > checker.nlp.max_length
    split = sentences(checker.nlp, [line + "and Labour won by 979 votes"])
    assert all(len(s) <= MAX_SENTENCE for s, _ in split)
    assert split[-1][0].endswith("979 votes")
    assert MAX_LINE < checker.nlp.max_length


def test_the_checker_reads_a_lost_line_as_it_reads_sentences(checker):
    from factcheck.models import Article

    one_line = checker.check(Article(text="Shockat Adam won Leicester South by 979 votes " * 50))
    assert one_line.summary.claims == 50
    assert {c.verdict for c in one_line.claims} == {"accurate"}


@pytest.mark.parametrize("sentence,runs", [
    ("Labour’s Anna Gelderd beat Tony Blair’s man.", [["Labour", "Anna", "Gelderd"], ["Tony", "Blair"]]),
    ("The Kingstn and Surbiton seat went to Jo Bloggs, 41, on Friday.",
     [["Kingstn", "Surbiton"], ["Jo", "Bloggs"]]),
    ("In Bury St Edmunds, Mr Lowe won.", [["Bury", "St", "Edmunds"], ["Mr", "Lowe"]]),
    ("The Conservatives won. But Labour held on.", []),  # a capitalised common word is no part of a name
    ("He won by 979 votes.", []),
])
def test_name_runs(sentence, runs):
    assert [[sentence[a:b] for a, b in run] for run in name_runs(sentence)] == runs


def test_only_the_sentences_picked_get_the_statistical_pass(checker):
    lines = ["Jo Bloggs won Anyshire by 1,234 votes. Sam Smith came second with 2,000 votes."]
    picked = sentences(checker.nlp, lines, wants_entities=lambda s: s.startswith("Sam"))
    assert [s for s, _ in picked] == ["Jo Bloggs won Anyshire by 1,234 votes.",
                                      "Sam Smith came second with 2,000 votes."]
    assert picked[0][1] == ()
    assert ("Sam Smith", "PERSON") in [(picked[1][0][a:b], label) for a, b, label in picked[1][1]]


@pytest.mark.parametrize("sentence,wanted", [
    ("Jonathon Ashwerth polled 13,760 votes in Leicester South.", True),  # a misspelt name: fuzzy lookups need NER
    ("Jonathan Ashworth polled 13,760 votes in Leicester South.", False),  # every name found exactly
    ("Labour lost Leicester South by 979 votes.", False),
    ("Jonathon Ashwerth lost Leicester South.", False),  # no figure
    ("Mr Ashworth polled 13,760 votes.", False),  # a title and one name: NER's span would be one word
])
def test_the_checker_wants_ner_only_for_names_its_lookups_miss(checker, sentence, wanted):
    assert checker._wants_entities(sentence, checker.index) is wanted


def test_a_misspelt_name_is_still_linked(checker):
    from factcheck.models import Article

    [claim] = checker.check(Article(text="Jonathon Ashwerth polled 13,760 votes in Leicester South.")).claims
    assert (claim.kind, claim.subject, claim.verdict) == ("votes", "Jonathan Ashworth", "accurate")


@pytest.mark.parametrize("text,expected", [
    ("Labour won 411 seats.", True),
    ("Labour won a third of the vote.", True),
    ("Labour won the seat.", False),
])
def test_needs_entities(text, expected):
    assert needs_entities(text) is expected


# lines of every shape: one sentence, several, abbreviations, quotes after the stop, headings, stray stops
SPLIT_SHAPES = [
    "Labour won the seat by 4,210 votes.",
    "Labour won the seat by 4,210 votes. The Conservatives came second.",
    "Jo Bloggs (Lab) 17,591",
    "Turnout: 61.5%",
    "Did the Greens really win 4 seats?!",
    "It was close... but the recount confirmed it",
    "Mr. Smith took 5,000 votes in St. Albans",
    'She said "we won." Then she left.',
    "A majority of 979. .",
    "Yes.  .",
    "   ",
    "",
    "A heading with no stop",
    "The U.S. press called it early",
    "Results so far । more to come",
    "Wait... what?",
]


def test_lines_read_without_the_sentencizer_split_exactly_as_it_would(checker):
    from factcheck.read import sentences as module

    nlp = checker.nlp
    ends = module._sentence_ends(nlp)
    assert "." in ends and "?" in ends
    fast = [module._one_sentence(line, ends) for line in SPLIT_SHAPES]
    assert any(fast) and not all(fast)
    with nlp.select_pipes(disable=[p for p in module.STATISTICAL if nlp.has_pipe(p)]):
        for line in SPLIT_SHAPES:
            by_spacy = [s.text.strip() for s in nlp(line).sents if s.text.strip()]
            assert [s for s, _ in sentences(nlp, [line], wants_entities=lambda s: False)] == by_spacy, line
            if module._one_sentence(line, ends):
                assert len(by_spacy) <= 1, line


def test_the_shared_token_vectors_are_left_out_and_the_entities_are_the_full_pipelines(checker):
    """en_core_web_sm's recogniser embeds its own tokens: without the shared tok2vec (whose listeners, the
    tagger and parser, are not loaded) it finds the same spans as the pipeline a bare `spacy.load` gives."""
    import spacy

    from factcheck.read.sentences import DEFAULT_MODEL, entities

    nlp = checker.nlp
    assert nlp.has_pipe("ner") and not nlp.has_pipe("tok2vec")
    full = spacy.load(DEFAULT_MODEL)
    assert full.has_pipe("tok2vec") and full.has_pipe("parser")
    texts = [
        "Maria Okonkwo-Byrne held Thornbury Vale for Labour with 18,204 votes.",
        "In Little Harwick, the Liberal Democrat Tobias Ferrante came second, 2,310 votes behind.",
        "Turnout across Greater Manchester fell to 52 per cent, said Councillor Aisha Rahman.",
        "Reform UK's Dev Patel-Moore took 9,877 votes in Sheffield Hallam West on Thursday.",
        "The Scottish National Party lost 38 seats, its leader John Swinney told the BBC in Edinburgh.",
    ]
    assert entities(nlp, texts) == [tuple((e.start_char, e.end_char, e.label_) for e in full(t).ents) for t in texts]
    assert sum(map(len, entities(nlp, texts))) >= 10
