from django.urls import path

from newsroom.news import views

app_name = "news"
urlpatterns = [
    path("", views.NewsIndexView.as_view(), name="index"),
    path("<slug:section>/", views.SectionView.as_view(), name="section"),
    path("<slug:section>/<slug:slug>/", views.NewsDetailView.as_view(), name="detail"),
]
