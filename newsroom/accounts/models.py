"""Which roles must log in with a second factor (newsroom/accounts/two_factor.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.accounts.roles import ROLE_NAMES


class TwoFactorRequirement(models.Model):
    """One row a role (made after every migrate, with the roles): whether its
    members must log in with a code from an authenticator app. Site
    administrators switch it in the admin; members without a device are sent
    to enrolment at their next login."""

    role = models.CharField(
        max_length=150, unique=True, choices=[(name, name) for name in ROLE_NAMES]
    )
    required = models.BooleanField(
        _("two-factor login required"),
        default=False,
        help_text=_(
            "Members of this role must enrol an authenticator app and give "
            "its code after their password. Applies from their next login."
        ),
    )

    class Meta:
        verbose_name = _("two-factor requirement")
        ordering = ["role"]

    def __str__(self):
        return f"{self.role}: {'required' if self.required else 'optional'}"
