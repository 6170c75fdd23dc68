"""/feeds/news/…: RSS 2.0 and Atom of the latest news, all or one section's."""

from django.urls import path

from newsroom.news.feeds import LatestNewsAtomFeed, LatestNewsFeed

app_name = "newsfeeds"
urlpatterns = [
    path("", LatestNewsFeed(), name="all"),
    path("atom/", LatestNewsAtomFeed(), name="all-atom"),
    path("<slug:section>/", LatestNewsFeed(), name="section"),
    path("<slug:section>/atom/", LatestNewsAtomFeed(), name="section-atom"),
]
