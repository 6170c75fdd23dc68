import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

# 20 KB of HTML, built once: the response the site's pages are compared with.
_PARAGRAPH = "<p>" + "Sample text of a page served from memory. " * 20 + "</p>\n"
PAGE = (
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>Ceiling</title>"
    "</head><body>" + _PARAGRAPH * (20_000 // len(_PARAGRAPH)) + "</body></html>"
).encode()
_NOW = datetime.datetime(2024, 4, 24, 12, tzinfo=datetime.UTC)
ITEMS = [
    {
        "title": f"Sample item {n}: a title of common length for a news item",
        "url": f"/news/sample-section/sample-item-{n}/",
        "published_at": _NOW - datetime.timedelta(hours=n),
        "summary": "A summary of one or two sentences, as listings show it. " * 3,
    }
    for n in range(20)
]


def page(request):
    return HttpResponse(PAGE)


def template(request):
    return render(request, "ceiling/items.html", {"items": ITEMS})


urlpatterns = [path("page/", page), path("template/", template)]
