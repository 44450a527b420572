"""The server's documented limits, in one place the CLI can read without loading the web stack."""

DEFAULT_MAX_BYTES = 1024 * 1024
DEFAULT_MAX_FIGURES = 2000
DEFAULT_MAX_SECONDS = 30.0
DEFAULT_WORKERS = 2
