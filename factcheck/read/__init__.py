"""Stage 1, reading the text: an input file becomes an `Article`, its lines become
sentences (spaCy, built once), and the numbers in them become `Quantity`s with
the slack their wording allows."""
