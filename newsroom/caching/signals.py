"""What changes the public site: a save or delete of any model of a newsroom
app (content of every kind, sections, officials, documents, images, the
identity, the workflow's record) and a change to their many-to-many links.
Queryset updates and bulk inserts send no signals: the code that uses them
calls content_changed() itself (import_content, generate_content).

Receivers are connected per model, not for every sender: a receiver for all
models would also turn Django's fast deletes (sessions, login attempts) into
row-by-row ones."""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from newsroom.caching import generation


def content_changed(using=None, **kwargs) -> None:
    """A new generation now, for this process and tests (whose transaction is
    never committed), and again once the transaction commits: a page rendered
    by another process between the two from the data before the commit is
    cached under the first token, which the second one leaves behind."""
    generation.bump()
    transaction.on_commit(generation.bump, using=using)


def public_models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("newsroom.")
        or model._meta.app_config.name.startswith("newsroom.")
    ]


def connect_content_models() -> None:
    for model in public_models():
        uid = f"newsroom.caching:{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _links_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}:{field.name}",
            )


def _links_changed(action, using=None, **kwargs):
    if action.startswith("post_"):
        content_changed(using=using)
