"""Logging filters (installed by LOGGING in config/settings/base.py)."""

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """A refused request (a 4xx: permission denied, a bad or suspicious request)
    is routine: one line, without the traceback Django attaches to it. Server
    errors (5xx) and records without a status keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
