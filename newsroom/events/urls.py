from django.urls import path

from newsroom.events import views
from newsroom.events.calendar import EventCalendar, UpcomingEventsCalendar

app_name = "events"
urlpatterns = [
    path("", views.EventListView.as_view(), name="index"),
    # Fixed paths first (a slug cannot hold a dot, so this is for the reader).
    path("calendar.ics", UpcomingEventsCalendar.as_view(), name="calendar"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("<slug:slug>/event.ics", EventCalendar.as_view(), name="ics"),
]
