"""Stage 4, judging: each reading's official values from the reference API
(evidence.py), then a verdict that holds only what the text and the tables
together support (verdict.py)."""
