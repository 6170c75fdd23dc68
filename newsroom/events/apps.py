from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "newsroom.events"
    verbose_name = "Events"
