from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from newsroom.media.views import serve as serve_media
from newsroom.publishing.registry import content_kinds

urlpatterns = [
    path("admin/editor/", include("newsroom.media.urls")),
    # Staff's own two-factor page and the code asked after the password.
    path("admin/two-factor/", include("newsroom.accounts.urls")),
    path("admin/", admin.site.urls),
    # Django's set_language: the back office's language switch (its header).
    path("i18n/", include("django.conf.urls.i18n")),
    # Files are the same in every language: no prefix.
    path("documents/", include("newsroom.documents.urls")),
    # Uploaded images, through the private-media rule (newsroom/media/access.py).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", serve_media, name="media"),
    path("", include("newsroom.identity.urls")),
]
# The public pages in each language: the default language without a prefix
# (/news/), the others under their code (/ru/news/). An unknown prefix (/de/)
# matches nothing: a 404. Sitemaps and feeds are per language too.
urlpatterns += i18n_patterns(
    # Each content kind's pages (/news/, /speeches/, …), as its registry entry says.
    *content_kinds.url_patterns(),
    path("", include("newsroom.site.urls")),
    prefix_default_language=False,
)

handler500 = "newsroom.site.views.server_error"
# In the admin: in its layout, saying what the user may do instead.
handler403 = "newsroom.publishing.admin.refusals.admin_permission_denied"
