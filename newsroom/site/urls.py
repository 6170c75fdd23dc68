from django.contrib.sitemaps import views as sitemaps
from django.urls import path

from newsroom.site import views
from newsroom.site.feeds import LatestNewsAtomFeed, LatestNewsFeed
from newsroom.site.robots import robots_txt
from newsroom.site.sitemaps import SITEMAPS

app_name = "site"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feeds/news/", LatestNewsFeed(), name="news-feed"),
    path("feeds/news/atom/", LatestNewsAtomFeed(), name="news-feed-atom"),
    path("feeds/news/<slug:section>/", LatestNewsFeed(), name="section-feed"),
    path(
        "feeds/news/<slug:section>/atom/",
        LatestNewsAtomFeed(),
        name="section-feed-atom",
    ),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "site:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", robots_txt, name="robots"),
]
