"""The two-factor pages, under /admin/two-factor/ (newsroom/accounts/two_factor.py)."""

from django.urls import path

from newsroom.accounts import two_factor

app_name = "two_factor"
urlpatterns = [
    path("", two_factor.enrol, name="enrol"),
    path("code/", two_factor.verify, name="verify"),
]
