from django.urls import path

from newsroom.documents import views

app_name = "documents"
urlpatterns = [
    path("<int:pk>/<str:filename>", views.download, name="download"),
]
