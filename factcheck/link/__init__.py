"""Stage 2, linking names: people, seats and parties in the text resolved to
keys of the reference tables (exact look-ups, then rapidfuzz for the names
reporters write differently)."""
