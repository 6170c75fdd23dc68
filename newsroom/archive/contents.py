"""What an archive holds, and how its rows go out and come back in.

Rows go out with Django's serializers and natural keys wherever a model has
them, so an archive fits a database that numbered its own rows differently:
content types and permissions (made by `migrate`, in any order) and the role
groups (made after `migrate` by newsroom/accounts) are named, not numbered.
Every other row keeps its id: the import goes into an empty database, and ids
are what the record (WorkflowEvent.object_id), revisions (Version.object_id
and the rows stored inside them), documents' links to their items and the
admin's log point by. Users keep theirs for the same reason.

Left out on purpose: sessions (a restore logs everyone out), django-axes'
login attempts and lockouts (of the moment, not of the site), content types
and permissions (`migrate` makes them; rows name them by natural key),
two-factor devices (their keys are secrets: staff enrol again) and the
two-factor requirements (`migrate` makes them, off: switch them on again).
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping
from urllib.parse import unquote

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Prefetch
from reversion.models import Revision, Version

from newsroom.archive.format import ArchiveError, check_media_name
from newsroom.publishing.fields import SanitizedRichTextField
from newsroom.publishing.models import Publishable
from newsroom.publishing.registry import content_kinds

# Models whose rows every migrated database already has (the role groups):
# archived without their id, found again by natural key and updated.
NATURAL_PRIMARY_KEYS = {"auth.group"}
# The shared mechanisms whose every model is archived: the site identity and
# its links, editor images, documents of items, the record of decisions, the
# desk's editorial notes and each person's choice of e-mails.
SHARED_APPS = ("identity", "media", "documents", "publishing", "desk")
# JSON fields that hold stored file names as their values, beside the
# renditions every ValidatedImageField lists (`renditions_field`).
FILE_NAME_MAPS = {"identity.siteidentity": ("pictures",)}
# Saved again after loading: the raw save of an editorial item moves its save
# counter on (newsroom/publishing/signals.py); the archive's value is put back.
COUNTER = "edit_version"


def archived_models() -> list[type[models.Model]]:
    """Every model an archive holds, in the order they are restored: roles and
    users first (other rows refer to them by natural key), then the identity,
    images, documents, the record and editorial notes, every model of every
    content kind's app (appointments too), revisions and the admin's log."""
    labels = [*SHARED_APPS]
    for kind in content_kinds:
        if kind.app_label not in labels:
            labels.append(kind.app_label)
    found = [Group, get_user_model()]
    for label in labels:
        found += [m for m in apps.get_app_config(label).get_models() if m not in found]
    return [*found, Revision, Version, LogEntry]


def schema() -> dict[str, str]:
    """{app: its latest applied migration}: which version of the site made the rows."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(name, latest.get(app, ""))
    return dict(sorted(latest.items()))


def _renumbered(model) -> bool:
    """Rows each database numbers its own way: named by natural key."""
    return model in (ContentType, Permission, Group)


def _label(model) -> str:
    return model._meta.label_lower


# --- Rows out -----------------------------------------------------------------


class ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder keeps milliseconds only, and
    a restored row would not be the row that was saved."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def _archived_fields(model) -> list[str]:
    """Every field but the search index (a database trigger rebuilds it)."""
    return [
        field.name
        for field in [*model._meta.local_fields, *model._meta.local_many_to_many]
        if not field.primary_key and not isinstance(field, SearchVectorField)
    ]


def _rows(model) -> models.QuerySet:
    """All rows of `model` by id, with what their natural keys need joined in
    (no query per row)."""
    queryset = model._base_manager.order_by("pk")
    natural = [
        field.name
        for field in model._meta.local_fields
        if field.is_relation and hasattr(field.related_model, "natural_key")
    ]
    if natural:
        queryset = queryset.select_related(*natural)
    prefetches = []
    for field in model._meta.local_many_to_many:
        related = field.related_model._base_manager.all()
        if field.related_model is Permission:
            related = related.select_related("content_type")
        elif not hasattr(field.related_model, "natural_key"):
            related = related.only("pk")
        prefetches.append(Prefetch(field.name, queryset=related))
    return queryset.prefetch_related(*prefetches)


def write_rows(model, stream, *, with_passwords: bool) -> tuple[int, dict[str, str]]:
    """Write every row of `model` to `stream` as JSON lines.

    Returns the number of rows and {stored file name: the row that refers to
    it} for every file the rows (and the revisions stored in them) refer to.
    Password hashes are left out unless `with_passwords`.
    """
    label = _label(model)
    files: dict[str, str] = {}
    count = 0
    user_model = get_user_model()
    natural_key_of = _cached(_natural_key_of)

    def prepared():
        nonlocal count
        for obj in _rows(model).iterator(chunk_size=500):
            if model is user_model and not with_passwords:
                obj.password = ""
            if model is Version:
                obj.serialized_data = _version_data(obj, natural_key_of)
                found = version_files(obj)
            else:
                values = {f.name: f.value_from_object(obj) for f in model._meta.fields}
                found = files_of(model, values)
            for name in found:
                files.setdefault(name, f"{label} {obj.pk}")
            count += 1
            yield obj

    serializers.serialize(
        "jsonl",
        prepared(),
        stream=stream,
        fields=_archived_fields(model),
        use_natural_foreign_keys=True,
        use_natural_primary_keys=label in NATURAL_PRIMARY_KEYS,
        cls=ExactJSONEncoder,
    )
    return count, files


# --- The files rows refer to --------------------------------------------------


def _media_url_pattern():
    # The site's own media addresses in rich text: src, href and srcset values
    # that start with MEDIA_URL (an address elsewhere that merely contains
    # "/media/" does not match).
    return re.compile(
        r"(?:^|(?<=[\"'\s,]))" + re.escape(settings.MEDIA_URL) + r"([^\s\"'<>?#,]+)"
    )


def files_of(model, values: Mapping) -> set[str]:
    """Stored names of the files `values` (a row's field values by name) refer
    to: file and image fields, the renditions listed beside an image, named
    JSON maps of files, and media addresses in rich text."""
    names = set()
    media_url = None
    for field in model._meta.concrete_fields:
        value = values.get(field.name)
        if isinstance(field, models.FileField):
            names.add(getattr(value, "name", value))
            renditions = values.get(getattr(field, "renditions_field", None) or "")
            if isinstance(renditions, dict):
                sources = renditions.get("sources")
                for source in sources if isinstance(sources, list) else ():
                    names.add(source.get("name") if isinstance(source, dict) else None)
        elif isinstance(field, SanitizedRichTextField) and isinstance(value, str):
            media_url = media_url or _media_url_pattern()
            names.update(unquote(match) for match in media_url.findall(value))
    for field_name in FILE_NAME_MAPS.get(_label(model), ()):
        value = values.get(field_name)
        if isinstance(value, dict):
            names.update(value.values())
    return {name for name in names if _is_media_name(name)}


def _is_media_name(name) -> bool:
    try:
        check_media_name(name)
    except ArchiveError:
        return False
    return True


def _stored_objects(version) -> list[dict] | None:
    """The rows stored in a revision, as Django's JSON serializer wrote them."""
    if version.format != "json":
        return None
    try:
        data = json.loads(version.serialized_data)
    except ValueError:
        return None
    return data if isinstance(data, list) else None


def _model_of(stored) -> type[models.Model] | None:
    try:
        return apps.get_model(stored["model"])
    except (KeyError, TypeError, ValueError, LookupError):
        return None


def version_files(version) -> set[str]:
    """Files a revision's stored rows refer to (an earlier lead image, say):
    restoring that revision must find them."""
    names = set()
    for stored in _stored_objects(version) or ():
        model = _model_of(stored)
        if model is not None and isinstance(stored.get("fields"), dict):
            names |= files_of(model, stored["fields"])
    return names


# --- Ids inside revisions -----------------------------------------------------


def _version_data(version, convert) -> str:
    """A revision's stored rows with each reference to a content type,
    permission or group passed through `convert(model, value)`.

    django-reversion stores a document's content type by id; the archive names
    it by natural key and the import puts back the id of the database it goes
    into, so restoring that revision there points at the right kind.
    """
    data = _stored_objects(version)
    if data is None:
        return version.serialized_data
    changed = False
    for stored in data:
        model, fields = _model_of(stored), stored.get("fields")
        if model is None or not isinstance(fields, dict):
            continue
        for name, value in fields.items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not field.is_relation or not _renumbered(field.related_model):
                continue
            related = field.related_model
            if field.many_to_many and isinstance(value, list):
                new = [convert(related, item) for item in value]
            elif field.many_to_one or field.one_to_one:
                new = None if value is None else convert(related, value)
            else:
                continue
            if new != value:
                fields[name] = new
                changed = True
    if not changed:
        return version.serialized_data
    # As Django's JSON serializer writes it (which is what reversion stored).
    return json.dumps(data, ensure_ascii=False)


def _cached(function):
    cache = {}

    def wrapper(model, value):
        key = (model, json.dumps(value))
        if key not in cache:
            cache[key] = function(model, value)
        return cache[key]

    return wrapper


def _natural_key_of(model, value):
    if not isinstance(value, int):
        return value
    row = model._base_manager.filter(pk=value).first()
    return list(row.natural_key()) if row is not None else value


def _id_of(model, value):
    if not isinstance(value, list):
        return value
    try:
        return model._default_manager.get_by_natural_key(*value).pk
    except (ObjectDoesNotExist, TypeError, ValueError):
        return value  # reversion resolves a natural key itself, or says it cannot


# --- Rows in ------------------------------------------------------------------


def restore_order(entries: list[dict]) -> list[tuple[type[models.Model], dict]]:
    """The archive's data entries with their models, in the order they load."""
    order = {_label(model): (n, model) for n, model in enumerate(archived_models())}
    unknown = sorted(entry["model"] for entry in entries if entry["model"] not in order)
    if unknown:
        raise ArchiveError(
            f"The archive holds rows of {', '.join(unknown)}, which this site does "
            "not have or does not restore (is it from another version of the "
            "site?). Nothing was imported."
        )
    return [
        (order[entry["model"]][1], entry)
        for entry in sorted(entries, key=lambda entry: order[entry["model"]][0])
    ]


def rows_in_the_way(models_: list[type[models.Model]]) -> dict[str, int]:
    """{name: number of rows} of what the database holds already. Groups do
    not count: `migrate` makes the roles, and the import updates them."""
    found = {}
    for model in models_:
        if _label(model) in NATURAL_PRIMARY_KEYS:
            continue
        count = model._base_manager.count()
        if count:
            found[str(model._meta.verbose_name_plural)] = count
    return found


def load_rows(model, stream, *, passwords: bool) -> int:
    """Save the rows in `stream` as they were exported; returns their number.

    Rows are saved raw (no image pipeline, no sanitiser, no timestamps of
    now): they were all of that when they were first saved. Users get an
    unusable password unless the archive carries the hashes. The database is
    empty, so rows are inserted without looking first and their many-to-many
    links go in together at the end; groups, which `migrate` made, are
    updated instead.
    """
    user_model = get_user_model()
    id_of = _cached(_id_of)
    inserted = _label(model) not in NATURAL_PRIMARY_KEYS
    links: dict[models.ManyToManyField, list] = {}
    counters: dict[int, list] = {}
    count = 0
    rows = serializers.deserialize("jsonl", stream, ignorenonexistent=False)
    for row in rows:
        obj = row.object
        if type(obj) is not model:
            raise ArchiveError(
                f"The rows of {_label(model)} include one of {_label(type(obj))}."
            )
        if model is user_model and (not passwords or not obj.password):
            obj.set_unusable_password()
        if model is Version:
            obj.serialized_data = _version_data(obj, id_of)
        if isinstance(obj, Publishable):
            counters.setdefault(getattr(obj, COUNTER), []).append(obj.pk)
        if inserted:
            m2m_data = row.m2m_data or {}  # save() forgets it
            row.save(save_m2m=False, force_insert=True)
            for name, related_ids in m2m_data.items():
                field = model._meta.get_field(name)
                links.setdefault(field, []).extend(
                    _link(field, obj.pk, related_id) for related_id in related_ids
                )
        else:
            row.save()
        count += 1
    for field, through_rows in links.items():
        field.remote_field.through._base_manager.bulk_create(
            through_rows, batch_size=1000
        )
    for value, pks in counters.items():
        for start in range(0, len(pks), 500):
            model._base_manager.filter(pk__in=pks[start : start + 500]).update(
                **{COUNTER: value}
            )
    return count


def _link(field, source_id, target_id):
    """A row of the many-to-many table of `field`."""
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    return through(**{source: source_id, target: target_id})
