from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom back office"
admin.site.index_title = "Press service"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("news/", include("newsroom.news.urls")),
    path("speeches/", include("newsroom.speeches.urls")),
    path("events/", include("newsroom.events.urls")),
    path("officials/", include("newsroom.officials.urls")),
    path("", include("newsroom.site.urls")),
]

handler500 = "newsroom.site.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
