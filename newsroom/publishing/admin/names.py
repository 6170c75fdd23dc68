"""The names Django makes up from the code, in the staff's language.

A model or field without a verbose_name is named after its class or attribute
("news item", "lead image"). Setting those names in the models would change
every migration state for nothing, so the names stay derived in the code and
are made translatable here, once the models are loaded and before the admin
builds its forms (newsroom/publishing/apps.py): only the shown name changes,
never what migrations read (a field's ``_verbose_name``, a model's
``original_attrs``). DERIVED_NAMES puts them in the catalogue; a test fails on
a derived name without a translation (tests/i18n/test_admin_names.py).
"""

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, gettext_noop
from modeltranslation.utils import build_localized_verbose_name

DERIVED_NAMES = [
    gettext_noop("action"),
    gettext_noop("appointment"),
    gettext_noop("appointments"),
    gettext_noop("author"),
    gettext_noop("autosave"),
    gettext_noop("autosaves"),
    gettext_noop("based on version"),
    gettext_noop("biography"),
    gettext_noop("body"),
    gettext_noop("content type"),
    gettext_noop("country"),
    gettext_noop("created at"),
    gettext_noop("created by"),
    gettext_noop("data"),
    gettext_noop("delivered on"),
    gettext_noop("description"),
    gettext_noop("detail"),
    gettext_noop("documents"),
    gettext_noop("edit version"),
    gettext_noop("editing presence"),
    gettext_noop("editing presences"),
    gettext_noop("editor image"),
    gettext_noop("editor images"),
    gettext_noop("editorial note"),
    gettext_noop("editorial notes"),
    gettext_noop("emblem"),
    gettext_noop("emblem renditions"),
    gettext_noop("ends on"),
    gettext_noop("event"),
    gettext_noop("events"),
    gettext_noop("file"),
    gettext_noop("format"),
    gettext_noop("identity"),
    gettext_noop("image"),
    gettext_noop("kind"),
    gettext_noop("label"),
    gettext_noop("language"),
    gettext_noop("lead image"),
    gettext_noop("lead image renditions"),
    gettext_noop("location"),
    gettext_noop("name"),
    gettext_noop("news items"),
    gettext_noop("notification preference"),
    gettext_noop("notification preferences"),
    gettext_noop("object id"),
    gettext_noop("occasion"),
    gettext_noop("official"),
    gettext_noop("officials"),
    gettext_noop("organ"),
    gettext_noop("pictures"),
    gettext_noop("place"),
    gettext_noop("portrait"),
    gettext_noop("portrait renditions"),
    gettext_noop("position"),
    gettext_noop("post"),
    gettext_noop("rank"),
    gettext_noop("renditions"),
    gettext_noop("role"),
    gettext_noop("saved at"),
    gettext_noop("search vector"),
    gettext_noop("section"),
    gettext_noop("sections"),
    gettext_noop("seen at"),
    gettext_noop("short name"),
    gettext_noop("since"),
    gettext_noop("singleton"),
    gettext_noop("slug"),
    gettext_noop("social link"),
    gettext_noop("social links"),
    gettext_noop("source digest"),
    gettext_noop("source snapshot"),
    gettext_noop("speaker"),
    gettext_noop("speech"),
    gettext_noop("starts on"),
    gettext_noop("statement"),
    gettext_noop("statements"),
    gettext_noop("status"),
    gettext_noop("summary"),
    gettext_noop("text"),
    gettext_noop("text changed at"),
    gettext_noop("text digest"),
    gettext_noop("title"),
    gettext_noop("two-factor requirements"),
    gettext_noop("unofficial translation"),
    gettext_noop("updated at"),
    gettext_noop("updated by"),
    gettext_noop("uploaded at"),
    gettext_noop("uploaded by"),
    gettext_noop("user"),
    gettext_noop("workflow event"),
    gettext_noop("workflow events"),
]


def translate_derived_names() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("newsroom."):
            continue
        for model in config.get_models():
            _translate_model(model._meta)


def _translate_model(opts) -> None:
    for attr in ("verbose_name", "verbose_name_plural"):
        if attr not in opts.original_attrs:
            setattr(opts, attr, gettext_lazy(getattr(opts, attr)))
    fields = [*opts.fields, *opts.many_to_many]
    for field in fields:
        if getattr(field, "translated_field", None) is None and not isinstance(
            field.verbose_name, Promise
        ):
            field.verbose_name = gettext_lazy(field.verbose_name)
    # django-modeltranslation's per-language columns ("name [ru]") were named
    # from the English name when it registered them: name them again.
    for field in fields:
        original = getattr(field, "translated_field", None)
        if original is not None:
            field.verbose_name = build_localized_verbose_name(
                original.verbose_name, field.language
            )
