"""The content-kind registry: the one place a kind of content is declared.

Each content app declares its kinds in a `content.py` beside its models, the
way `admin.site.register` works (`PublishingConfig.ready()` imports every
app's `content` module). Everything that crosses kinds reads this registry and
names no content model: the roles (newsroom/accounts/roles.py), search, the
sitemaps, structured data, the navigation, the home page, editor uploads and
the admin's "View on site". Adding a kind is one app, its templates and one
line in INSTALLED_APPS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_permission_codename
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import translation

CRUD = ("add", "change", "delete", "view")


@dataclass(frozen=True)
class HomeBlock:
    """A block of the home page: a template and what it shows."""

    template: str
    context: Callable[[], dict]
    column: str = "side"  # "main" (wide) or "side"
    order: int = 100


@dataclass(frozen=True)
class Category:
    """How a kind is grouped (news by section): a filter of the search page."""

    field: str  # the model's foreign key, e.g. "section"
    label: str
    queryset: Callable[[], models.QuerySet]
    empty_label: str
    to_field: str = "slug"


@dataclass(frozen=True)
class ContentKind:
    model: type[models.Model]
    name: str  # singular, in addresses: search's ?type=news, ?type=speech
    plural: str  # the sitemap's name: /sitemap-<plural>.xml
    label: str  # a result's label in search ("Speech")
    label_plural: str  # the navigation's and the listing's name ("Speeches")
    detail_url: str  # URL name of an item's page
    # URL keyword -> field path of the item ("section" -> "section__slug").
    url_kwargs: dict[str, str] = field(default_factory=lambda: {"slug": "slug"})
    index_url: str | None = None  # URL name of the kind's listing
    date_field: str | None = None  # the date a listing and search go by
    schema_type: str | None = None  # schema.org type of an item's page
    structured_data: Callable | None = None  # (request, obj, data) -> JSON-LD dict
    navigation: int | None = None  # position in the main navigation; None: absent
    in_sitemap: bool = True
    in_search: bool = True
    public: Callable[[], models.QuerySet] | None = None  # default: .live() or all
    category: Category | None = None
    home: HomeBlock | None = None
    feeds: tuple[tuple[str, str, str], ...] = ()  # (title, URL name, MIME type)
    # The kind's public URLconfs: (path prefix, module), included by config/urls.py.
    urls: tuple[tuple[str, str], ...] = ()
    # Translations of its items say "Unofficial translation" unless the
    # translator says otherwise (official statements and speeches: yes).
    translations_unofficial: bool = False
    # Codenames in the kind's app; defaults follow from `editorial`.
    reporter_permissions: tuple[str, ...] | None = None
    editor_permissions: tuple[str, ...] | None = None

    @property
    def editorial(self) -> bool:
        """An item with the publishing core: statuses, workflow, `.live()`."""
        from newsroom.publishing.models import Publishable

        return issubclass(self.model, Publishable)

    @property
    def app_label(self) -> str:
        return self.model._meta.app_label

    def codename(self, action: str) -> str:
        return get_permission_codename(action, self.model._meta)

    def perm(self, action: str) -> str:
        """`app_label.codename` for `user.has_perm()`."""
        return f"{self.app_label}.{self.codename(action)}"

    def role_permissions(self, role: str) -> list[str]:
        """`app_label.codename`s a role gets for this kind ("reporter", "editor")."""
        if role == "reporter":
            declared = self.reporter_permissions
            default = CRUD if self.editorial else ("view",)
        else:
            declared = self.editor_permissions
            default = (*CRUD, "publish") if self.editorial else CRUD
        if declared is None:
            declared = tuple(self.codename(action) for action in default)
        return [f"{self.app_label}.{codename}" for codename in declared]

    def public_queryset(self) -> models.QuerySet:
        if self.public is not None:
            return self.public()
        manager = self.model._default_manager
        return manager.live().in_language() if self.editorial else manager.all()

    def date_expression(self):
        """The listing date as an expression (a date, also for a datetime field)."""
        if self.date_field is None:
            return None
        field_ = self.model._meta.get_field(self.date_field)
        if isinstance(field_, models.DateTimeField):
            return TruncDate(self.date_field)
        return models.F(self.date_field)

    @property
    def newest_first(self) -> tuple[str, ...]:
        return (f"-{self.date_field}", "-pk") if self.date_field else ("-pk",)

    @property
    def url_fields(self) -> tuple[str, ...]:
        """What an item's address is made of: its URL keywords' fields, and
        for an editorial item its language (the address's prefix)."""
        fields = tuple(self.url_kwargs.values())
        return (*fields, "language") if self.editorial else fields

    def url_from_values(self, values: dict) -> str:
        """An item's address from a `.values()` row holding `url_fields`."""
        kwargs = {kwarg: values[path] for kwarg, path in self.url_kwargs.items()}
        language = values.get("language")
        if language is None:
            return reverse(self.detail_url, kwargs=kwargs)
        with translation.override(language):
            return reverse(self.detail_url, kwargs=kwargs)

    @property
    def related_for_url(self) -> list[str]:
        """Relations an item's URL goes through (select_related, no query per row)."""
        return sorted(
            {path.rsplit("__", 1)[0] for path in self.url_fields if "__" in path}
        )


class Registry:
    def __init__(self):
        self._kinds: dict[str, ContentKind] = {}

    def register(self, kind: ContentKind) -> ContentKind:
        for existing in self._kinds.values():
            if existing.model is kind.model:
                raise ImproperlyConfigured(
                    f"{kind.model.__name__} is registered twice."
                )
            if existing.plural == kind.plural:
                raise ImproperlyConfigured(f"Two kinds are named {kind.plural!r}.")
        if kind.name in self._kinds:
            raise ImproperlyConfigured(f"Two kinds are named {kind.name!r}.")
        self._kinds[kind.name] = kind
        return kind

    def unregister(self, name: str) -> None:
        """For tests that declare a kind of their own."""
        self._kinds.pop(name)

    def __iter__(self):
        """Kinds in the navigation's order, then the others as registered."""
        kinds = list(self._kinds.values())
        return iter(
            sorted(kinds, key=lambda k: (k.navigation is None, k.navigation or 0))
        )

    def __contains__(self, name: str) -> bool:
        return name in self._kinds

    def get(self, name: str) -> ContentKind:
        return self._kinds[name]

    def for_model(self, model) -> ContentKind | None:
        for kind in self._kinds.values():
            if kind.model is model or (
                isinstance(model, type) and issubclass(model, kind.model)
            ):
                return kind
        return None

    def editorial(self) -> list[ContentKind]:
        return [kind for kind in self if kind.editorial]

    def searchable(self) -> list[ContentKind]:
        return [kind for kind in self if kind.in_search]

    def in_sitemap(self) -> list[ContentKind]:
        return [kind for kind in self if kind.in_sitemap]

    def navigation(self) -> list[ContentKind]:
        return [kind for kind in self if kind.navigation is not None]

    def home_blocks(self) -> list[tuple[ContentKind, HomeBlock]]:
        blocks = [(kind, kind.home) for kind in self if kind.home is not None]
        return sorted(blocks, key=lambda pair: pair[1].order)

    def models(self) -> Iterable[type[models.Model]]:
        return [kind.model for kind in self]

    def feeds(self) -> list[tuple[str, str, str]]:
        return [feed for kind in self for feed in kind.feeds]

    def url_patterns(self) -> list:
        """The public URLconfs of every kind, for config/urls.py."""
        from django.urls import include, path

        return [
            path(prefix, include(module))
            for kind in self
            for prefix, module in kind.urls
        ]


content_kinds = Registry()
register = content_kinds.register
