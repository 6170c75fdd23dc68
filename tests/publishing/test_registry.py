"""The content-kind registry is the one place a kind is declared: every reader
that crosses kinds takes its kinds from it and names no content model."""

import ast
import pathlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import RequestFactory

from newsroom.accounts.roles import EDITOR, REPORTER
from newsroom.publishing.models import Publishable
from newsroom.publishing.registry import content_kinds
from newsroom.site.context_processors import site
from newsroom.site.sitemaps import sitemaps

NEWSROOM = pathlib.Path(__file__).resolve().parents[2] / "newsroom"
CONTENT_APPS = {"news", "speeches", "events", "officials", "statements"}
# What crosses kinds: none of it may import a content app.
CROSS_KIND = [
    "publishing", "search", "site", "accounts", "media", "documents", "desk",
    "caching",
]  # fmt: skip


def imported_modules(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def python_files(app: str):
    return [p for p in (NEWSROOM / app).rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize("app", CROSS_KIND)
def test_code_that_crosses_kinds_imports_no_content_app(app):
    offending = {
        f"{path.relative_to(NEWSROOM)}: {module}"
        for path in python_files(app)
        for module in imported_modules(path)
        if module.split(".")[:2] in (["newsroom", c] for c in CONTENT_APPS)
    }
    assert not offending


@pytest.mark.parametrize("app", sorted(CONTENT_APPS))
def test_no_content_app_imports_the_site_app(app):
    assert not {
        module
        for path in python_files(app)
        for module in imported_modules(path)
        if module.startswith("newsroom.site")
    }


def test_every_editorial_model_is_a_registered_kind():
    editorial = {
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) and not model._meta.abstract
    }
    assert editorial == {kind.model for kind in content_kinds.editorial()}


def test_each_kind_is_declared_in_its_own_app_content_module():
    for kind in content_kinds:
        hooks = [kind.structured_data, kind.home.context if kind.home else None]
        declared_in = {hook.__module__ for hook in hooks if hook is not None}
        assert declared_in <= {f"newsroom.{kind.app_label}.content"}


@pytest.mark.django_db
def test_navigation_sitemaps_search_and_roles_list_every_kind():
    request = RequestFactory().get("/")
    labels = [entry["label"] for entry in site(request)["navigation"]]
    assert labels == [kind.label_plural for kind in content_kinds.navigation()]
    assert "Statements" in labels

    assert set(sitemaps()) == {"pages", *(k.plural for k in content_kinds.in_sitemap())}

    reporter = Group.objects.get(name=REPORTER)
    editor = Group.objects.get(name=EDITOR)
    for kind in content_kinds.editorial():
        assert reporter.permissions.filter(codename=kind.codename("add")).exists()
        assert not reporter.permissions.filter(
            codename=kind.codename("publish")
        ).exists()
        assert editor.permissions.filter(codename=kind.codename("publish")).exists()


def test_a_kind_cannot_be_registered_twice():
    from django.core.exceptions import ImproperlyConfigured

    news = content_kinds.get("news")
    with pytest.raises(ImproperlyConfigured):
        content_kinds.register(news)
