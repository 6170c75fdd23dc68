from django.urls import path

from newsroom.speeches import views

app_name = "speeches"
urlpatterns = [
    path("", views.SpeechListView.as_view(), name="index"),
    path("<slug:slug>/", views.SpeechDetailView.as_view(), name="detail"),
]
