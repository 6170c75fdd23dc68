from django.urls import path

from newsroom.site import sitemaps, views
from newsroom.site.robots import robots_txt

app_name = "site"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path("robots.txt", robots_txt, name="robots"),
]
