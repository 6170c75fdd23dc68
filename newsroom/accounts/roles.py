"""The three staff roles: Django groups with explicit permission sets.

The content permissions come from the content-kind registry (each kind says
what a reporter and an editor may do with it); this module adds what is not
content. A `post_migrate` receiver (newsroom/accounts/apps.py) creates the
groups and gives them these sets after every `migrate`, the way Django creates
permissions; `manage.py sync_roles` does the same by hand. What depends on the
item itself (own drafts, …) is in newsroom/publishing/permissions.py.
"""

from django.utils.translation import gettext_lazy as _

from newsroom.publishing.registry import content_kinds

REPORTER = "Reporter"
EDITOR = "Editor"
SITE_ADMINISTRATOR = "Site administrator"
ROLE_NAMES = (REPORTER, EDITOR, SITE_ADMINISTRATOR)
# The groups keep their English names (they are data); staff read these.
ROLE_LABELS = {
    REPORTER: _("Reporter"),
    EDITOR: _("Editor"),
    SITE_ADMINISTRATOR: _("Site administrator"),
}

# Beyond content: the record of decisions for editors; for site administrators
# the site's identity, staff accounts (create, change, deactivate, never
# delete), the roles and which roles must log in with a second factor.
EDITOR_EXTRA = ["publishing.view_workflowevent"]
SITE_ADMINISTRATOR_EXTRA = [
    "identity.add_siteidentity",
    "identity.change_siteidentity",
    "identity.view_siteidentity",
    "identity.add_sociallink",
    "identity.change_sociallink",
    "identity.delete_sociallink",
    "identity.view_sociallink",
    "auth.add_user",
    "auth.change_user",
    "auth.view_user",
    "auth.view_group",
    "accounts.view_twofactorrequirement",
    "accounts.change_twofactorrequirement",
]


def role_permissions() -> dict[str, list[str]]:
    """{role: ["app_label.codename", …]}, read from the registry now."""
    reporter = [p for kind in content_kinds for p in kind.role_permissions("reporter")]
    editor = [
        *reporter,
        *(p for kind in content_kinds for p in kind.role_permissions("editor")),
        *EDITOR_EXTRA,
    ]
    return {
        REPORTER: sorted(set(reporter)),
        EDITOR: sorted(set(editor)),
        SITE_ADMINISTRATOR: sorted({*editor, *SITE_ADMINISTRATOR_EXTRA}),
    }


def sync_roles(using: str = "default") -> dict[str, int]:
    """Create the role groups and give each exactly its permissions.

    Returns {role: number of permissions}. A permission that does not exist
    (an app not migrated yet) is an error: the roles would be incomplete.
    """
    from django.contrib.auth.models import Group, Permission

    result = {}
    for role, names in role_permissions().items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        wanted = {tuple(name.split(".", 1)) for name in names}
        found = list(
            Permission.objects.using(using)
            .filter(content_type__app_label__in={app for app, _ in wanted})
            .select_related("content_type")
        )
        permissions = [
            p for p in found if (p.content_type.app_label, p.codename) in wanted
        ]
        missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
        if missing:
            names = ", ".join(sorted(".".join(m) for m in missing))
            raise LookupError(f"Permissions {names} do not exist (run migrate).")
        group.permissions.set(permissions)
        result[role] = len(permissions)
    # Each role has its two-factor requirement row (off until an administrator
    # switches it on).
    from newsroom.accounts.models import TwoFactorRequirement

    for role in ROLE_NAMES:
        TwoFactorRequirement.objects.using(using).get_or_create(role=role)
    return result
