from django.urls import path

from newsroom.officials import views

app_name = "officials"
urlpatterns = [
    path("", views.OfficialListView.as_view(), name="index"),
    path("<slug:slug>/", views.OfficialDetailView.as_view(), name="detail"),
]
