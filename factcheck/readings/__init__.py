"""Stage 3, weighing readings: for every figure, the readings the text allows
(kind x subject x election), each weighted by cue tables (vocab/) rather than
decided by one pattern."""
