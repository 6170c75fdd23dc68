"""Password rules beyond Django's (settings: AUTH_PASSWORD_VALIDATORS).

OWASP ASVS level 1 (v4, 2.1): at least 12 characters, passwords of 64 and more
allowed, every Unicode character and spaces allowed and kept as typed (no
truncation, no composition rules), common passwords refused. Django's own
validators do the minimum, the common list and the rest; this adds a
documented maximum, so that a password is never cut short and yet no one can
make the server hash megabytes.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

# Far above any pass-phrase a person types (ASVS asks that 128 be allowed).
MAX_PASSWORD_LENGTH = 4096


class MaximumLengthValidator:
    def __init__(self, max_length: int = MAX_PASSWORD_LENGTH):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                ngettext(
                    "This password is too long: at most %(max_length)d character.",
                    "This password is too long: at most %(max_length)d characters.",
                    self.max_length,
                ),
                code="password_too_long",
                params={"max_length": self.max_length},
            )

    def get_help_text(self):
        return ngettext(
            "Your password can be up to %(max_length)d character long.",
            "Your password can be up to %(max_length)d characters long.",
            self.max_length,
        ) % {"max_length": self.max_length}
