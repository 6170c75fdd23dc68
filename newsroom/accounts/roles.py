"""The three staff roles: Django groups with explicit permission sets.

A data migration creates them on every new database; `manage.py sync_roles`
brings existing groups back to these sets after permissions change. What
depends on the item itself (own drafts, …) is in newsroom/publishing/permissions.py.
"""

REPORTER = "Reporter"
EDITOR = "Editor"
SITE_ADMINISTRATOR = "Site administrator"

EDITORIAL_MODELS = ["news.newsitem", "speeches.speech", "events.event"]
CRUD = ["add", "change", "delete", "view"]


def _perms(models, actions):
    return [
        f"{label.split('.')[0]}.{action}_{label.split('.')[1]}"
        for label in models
        for action in actions
    ]


REPORTER_PERMISSIONS = [
    *_perms(EDITORIAL_MODELS, CRUD),
    # To pick a section, officials and events in their items.
    *_perms(["news.section", "officials.official"], ["view"]),
]
EDITOR_PERMISSIONS = [
    *REPORTER_PERMISSIONS,
    *[
        f"{label.split('.')[0]}.publish_{label.split('.')[1]}"
        for label in EDITORIAL_MODELS
    ],
    *_perms(["news.section", "officials.official", "officials.appointment"], CRUD),
    "publishing.view_workflowevent",
]
SITE_ADMINISTRATOR_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    # Staff accounts: create, change, deactivate (never delete), and see the roles.
    *_perms(["auth.user"], ["add", "change", "view"]),
    "auth.view_group",
]

ROLES = {
    REPORTER: REPORTER_PERMISSIONS,
    EDITOR: EDITOR_PERMISSIONS,
    SITE_ADMINISTRATOR: SITE_ADMINISTRATOR_PERMISSIONS,
}


def sync_roles(group_model, permission_model) -> dict[str, int]:
    """Create the role groups and give each exactly its permissions.

    Takes the model classes so that a data migration can pass historical ones.
    Returns {role: number of permissions}.
    """
    result = {}
    for role, names in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=role)
        permissions = []
        for name in sorted(set(names)):
            app_label, codename = name.split(".")
            permission = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                raise LookupError(f"Permission {name} does not exist (run migrate).")
            permissions.append(permission)
        group.permissions.set(permissions)
        result[role] = len(permissions)
    return result
