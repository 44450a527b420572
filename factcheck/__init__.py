"""factcheck: check the numbers in election coverage against the official results.

    >>> import factcheck
    >>> report = factcheck.check_text("Shockat Adam won Leicester South by 979 votes.")
    >>> report.claims[0].verdict
    'accurate'

The library API (`check_text`, `check_file`, `check_articles`) is what the
CLI calls; everything it returns is a pydantic model from `factcheck.models`.
"""
from .models import Article, Claim, Report

__version__ = "0.1.0"
__all__ = ["Article", "Claim", "Report", "check_text", "check_file", "check_articles", "Checker", "__version__"]


def __getattr__(name):
    # the pipeline pulls in spaCy and pandas: import it only when first used
    if name in ("check_text", "check_file", "check_articles", "Checker"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
