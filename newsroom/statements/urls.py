from django.urls import path

from newsroom.statements import views

app_name = "statements"
urlpatterns = [
    path("", views.StatementListView.as_view(), name="index"),
    path("<slug:slug>/", views.StatementDetailView.as_view(), name="detail"),
]
