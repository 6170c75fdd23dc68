"""/robots.txt: crawl everything public, not the back office; point at the
sitemap of each language (/sitemap.xml, /ru/sitemap.xml)."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", f"Disallow: {reverse('admin:index')}", ""]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            sitemap = request.build_absolute_uri(reverse("site:sitemap"))
        lines.append(f"Sitemap: {sitemap}")
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
