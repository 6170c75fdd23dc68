"""Who may do what with an editorial item: the one place that says it.

Model-level permissions come from the roles (newsroom/accounts/roles.py, from
the content-kind registry); the rules below add what depends on the item
itself. Which status moves exist is the table in workflow.py. The admin, the
preview of unpublished pages, the downloads and the history views all ask here.

- Editors and site administrators (they hold `publish_<model>`) may see, change,
  publish and delete every item.
- Reporters see only their own items; they change them while they are drafts or
  in review, delete only their own drafts, and never publish.
"""

from django.contrib.auth import get_permission_codename
from django.db.models import Q

from newsroom.publishing.models import Publishable, Status

REPORTER_STATUSES = (Status.DRAFT, Status.IN_REVIEW)


def kind_perm(model, action: str) -> str:
    """`app_label.<action>_<model>`, for `user.has_perm()`."""
    opts = model._meta
    return f"{opts.app_label}.{get_permission_codename(action, opts)}"


def may_publish(user, model) -> bool:
    """Publish, schedule, unpublish, archive, restore; see and edit everyone's items."""
    return user.is_active and user.has_perm(kind_perm(model, "publish"))


def may_view(user, obj) -> bool:
    if not (user.is_active and user.has_perm(kind_perm(type(obj), "view"))):
        return False
    return may_publish(user, type(obj)) or obj.created_by_id == user.pk


def may_change(user, obj) -> bool:
    if not (user.is_active and user.has_perm(kind_perm(type(obj), "change"))):
        return False
    if may_publish(user, type(obj)):
        return True
    return obj.created_by_id == user.pk and obj.status in REPORTER_STATUSES


def may_delete(user, obj) -> bool:
    if not (user.is_active and user.has_perm(kind_perm(type(obj), "delete"))):
        return False
    if may_publish(user, type(obj)):
        return True
    return obj.created_by_id == user.pk and obj.status == Status.DRAFT


def may_know_of(user, obj) -> bool:
    """Whether `user` may be told that `obj` exists, or be shown its title: they
    may see it in the back office, or it is public (live). Rows that are not
    editorial items (officials, sections, accounts) are for every staff member.

    What names other rows (History → Compare, a slug already taken) asks here.
    """
    if not isinstance(obj, Publishable):
        return True
    return obj.is_live or may_view(user, obj)


def visible_to(user, queryset):
    """The items of `queryset` that `user` may see in the back office."""
    if may_publish(user, queryset.model):
        return queryset
    return queryset.filter(created_by=user.pk)


def linkable_to(user, queryset):
    """The items of `queryset` that `user` may link from their own items: what
    they may see, and whatever is live (a colleague's published event)."""
    if may_publish(user, queryset.model):
        return queryset
    return queryset.filter(
        Q(pk__in=visible_to(user, queryset).values("pk"))
        | Q(pk__in=queryset.live().values("pk"))
    )
