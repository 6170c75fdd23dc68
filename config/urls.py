from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.urls import include, path

from newsroom.publishing import editor_uploads
from newsroom.publishing.views import admin_view_on_site

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom back office"
admin.site.index_title = "Press service"

urlpatterns = [
    # Ahead of the admin's own, which checks nothing but staff status.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        staff_member_required(admin_view_on_site),
        name="admin-view-on-site",
    ),
    path("admin/editor/upload/", editor_uploads.upload, name="editor-upload"),
    path("admin/editor/browse/", editor_uploads.browse, name="editor-browse"),
    path("admin/", admin.site.urls),
    path("news/", include("newsroom.news.urls")),
    path("speeches/", include("newsroom.speeches.urls")),
    path("events/", include("newsroom.events.urls")),
    path("officials/", include("newsroom.officials.urls")),
    path("documents/", include("newsroom.documents.urls")),
    path("", include("newsroom.site.urls")),
]

handler500 = "newsroom.site.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
