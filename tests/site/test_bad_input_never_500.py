"""Bad input in any public or admin address is a 400 or the page, never a 500
(issue 12, "Bad input gets"; checklist 27-31): over-long values, thousands of
parameters, NUL bytes and invalid UTF-8 (percent-encoded bytes such as %FF%FE)
in the path and in the query string, and the same in posted forms.

The public addresses are every URL pattern of the resolver (the content kinds'
URLconfs included), not a list kept by hand: each is filled in with a real
item's values where one of the items made here (one of each registered kind)
or a link of the home page resolves to it. The admin's pages are the
changelist, add and change pages of every registered model, opened by an editor.
"""

import os
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import NoReverseMatch, Resolver404

from newsroom.accounts.roles import EDITOR
from newsroom.publishing.registry import content_kinds
from tests.factories import admin_url, make_of_kind, staff

pytestmark = pytest.mark.django_db

MANY = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS * 5
LONG = "9" * 5_000
# Percent-encoded, as a client sends them: NUL, bytes that are not UTF-8, an
# over-long value, a right-to-left override, an escape character.
BAD_VALUES = ["%00", "a%00b", "%FF%FE", "%C0%AF", LONG, "%E2%80%AE", "%1B"]
# Parameter names the public listings and search read, and nonsense.
QUERY_NAMES = [
    "q",
    "page",
    "year",
    "month",
    "date_from",
    "date_to",
    "section",
    "speaker",
    "kind",
    "organ",
    "country",
    "type",
    "when",
]


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue
            namespace = pattern.namespace
            for route, name in _routes(
                pattern.url_patterns, prefix + str(pattern.pattern)
            ):
                yield route, f"{namespace}:{name}" if namespace and name else name
        else:
            yield prefix + str(pattern.pattern), pattern.name


PUBLIC_ROUTES = dict(_routes(get_resolver().url_patterns))
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def made_content():
    """One live item of every registered kind."""
    return [make_of_kind(kind) for kind in content_kinds]


def candidate_paths(client, items):
    """Concrete public addresses: the items' own, every link of the home page
    and every sitemap of the sitemap index."""
    paths = [item.get_absolute_url() for item in items]
    home = client.get("/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    links = re.findall(r'href="([^"#?]+)', home) + re.findall(r"<loc>([^<]+)", sitemap)
    for href in links:
        parts = urlsplit(href)
        if not parts.netloc or parts.netloc == "testserver":
            paths.append(parts.path)
    return paths


def concrete_path(route, view_name, candidates):
    """A real address of `route`: a candidate that resolves to it, else the
    route reversed with a candidate's values of the same names, else the route
    with placeholders (the view's 404 is then what is tested)."""
    resolved = {}
    for path in candidates:
        try:
            resolved[path] = resolve(path)
        except Resolver404:
            continue
        if resolved[path].route == route:
            return path
    names = {m["name"] for m in PARAMETER.finditer(route)}
    # The values of the route most like this one (an event's, for its .ics).
    nearest = sorted(
        resolved.items(),
        key=lambda item: -len(os.path.commonprefix([item[1].route, route])),
    )
    for _path, match in nearest:
        if names and names <= match.kwargs.keys():
            try:
                return reverse(view_name, kwargs={n: match.kwargs[n] for n in names})
            except NoReverseMatch:
                continue
    if route.startswith("^"):
        raise AssertionError(f"no address found for the pattern {route}")
    return "/" + PARAMETER.sub(
        lambda m: "1" if m["converter"] == "int" else "sample", route
    )


def path_variants(path, route):
    """The address with each of its parameters replaced by each bad value."""
    if not PARAMETER.search(route):
        return [path + value for value in ("%FF%FE", "%00", LONG)]
    real = path.strip("/").split("/")
    shape = route.strip("/").split("/")
    variants = []
    for index, part in enumerate(shape):
        if index < len(real) and PARAMETER.search(part):
            for value in BAD_VALUES:
                changed = list(real)
                changed[index] = PARAMETER.sub(value, part)
                variants.append(
                    "/" + "/".join(changed) + ("/" if path.endswith("/") else "")
                )
    return variants


def big_queries():
    return [
        "&".join(["page=2"] * MANY),  # thousands of one parameter
        "&".join(f"p{n}=x" for n in range(MANY)),  # thousands of names
        "q=" + "word " * 20_000,  # 100 KB
    ]


def query_variants(names=QUERY_NAMES):
    """Each bad value in every parameter the page reads, and as a name."""
    return [
        "&".join([*(f"{name}={value}" for name in names), f"{value}={value}"])
        for value in BAD_VALUES
    ]


# What the admin's list reads (filters, ordering, page, errors, popups) and
# what its forms read (the list's filters to go back to, popups).
ADMIN_LIST_PARAMETERS = ["status__exact", "o", "p", "e", "_popup", "_to_field"]
ADMIN_FORM_PARAMETERS = ["_changelist_filters", "_popup", "_to_field"]


def admin_queries(model, view):
    """Bad values for what each admin page reads from its address, one name at
    a time where a refusal of one would hide the others."""
    few = ["%00", "%FF%FE", LONG]
    if view == "changelist":
        names = ADMIN_LIST_PARAMETERS
        queries = query_variants()
    else:
        names = ADMIN_FORM_PARAMETERS
        # The add form takes initial values for every field from the address.
        fields = [f.name for f in model._meta.get_fields() if f.concrete]
        queries = query_variants(fields) if view == "add" else []
    return queries + [f"{name}={value}" for name in names for value in few]


def not_a_500(client, method, url, **extra):
    response = getattr(client, method)(url, **extra)
    return (
        None
        if response.status_code < 500
        else f"{method.upper()} {url[:120]} → {response.status_code}"
    )


@pytest.mark.parametrize("route", sorted(PUBLIC_ROUTES), ids=lambda r: r or "home")
def test_bad_input_in_a_public_address_is_never_a_500(route):
    client = Client(raise_request_exception=False)
    path = concrete_path(
        route, PUBLIC_ROUTES[route], candidate_paths(client, made_content())
    )
    failures = []
    for variant in path_variants(path, route):
        failures.append(not_a_500(client, "get", variant))
    for query in [*query_variants(), *big_queries()]:
        failures.append(not_a_500(client, "get", f"{path}?{query}"))
    many_fields = {f"field{n}": "x" for n in range(MANY)}
    failures.append(not_a_500(client, "post", path, data=many_fields))
    failures.append(
        not_a_500(client, "post", path, data={"q": "a\x00b", "page": "\u202e1"})
    )
    failures = [f for f in failures if f]
    assert not failures, "\n".join(failures)


def admin_pages():
    return [
        (model, view)
        for model in sorted(admin.site._registry, key=lambda m: m._meta.label)
        for view in ("changelist", "add", "change")
    ]


@pytest.mark.parametrize(
    ("model", "view"),
    admin_pages(),
    ids=[f"{m._meta.label_lower}-{v}" for m, v in admin_pages()],
)
def test_bad_input_in_an_admin_page_is_never_a_500(model, view):
    made_content()
    editor = staff(EDITOR)
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    if view == "change":
        obj = model._default_manager.order_by("pk").first()
        pk = obj.pk if obj is not None else 1
        url = admin_url(model, view, pk)
        paths = [url.replace(f"/{pk}/", f"/{value}/") for value in BAD_VALUES]
    else:
        url = admin_url(model, view)
        paths = [url + value for value in ("%FF%FE", "%00", LONG)]
    failures = [not_a_500(client, "get", p) for p in paths]
    queries = [*big_queries(), *admin_queries(model, view)]
    failures += [not_a_500(client, "get", f"{url}?{query}") for query in queries]
    many_fields = {f"field{n}": "x" for n in range(MANY)}
    failures.append(not_a_500(client, "post", url, data=many_fields))
    bad_form = {
        name: value
        for name in (
            "title",
            "slug",
            "name",
            "summary",
            "body",
            "status",
            "section",
            "published_at_0",
            "action",
            "_selected_action",
            "index",
        )
        for value in ("a\x00b",)
    }
    failures.append(not_a_500(client, "post", url, data=bad_form))
    failures.append(
        not_a_500(
            client,
            "post",
            url,
            data="title=%FF%FE&slug=%00&status=%C0%AF&" + "body=" + LONG,
            content_type="application/x-www-form-urlencoded",
        )
    )
    failures = [f for f in failures if f]
    assert not failures, "\n".join(failures)
