from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.generic import TemplateView

from newsroom.events.models import Event
from newsroom.news.models import NewsItem
from newsroom.officials.models import Official
from newsroom.speeches.models import Speech


class HomeView(TemplateView):
    template_name = "site/home.html"

    def get_context_data(self, **kwargs):
        news = NewsItem.objects.live().select_related("section")
        featured = news.filter(is_featured=True).first()
        latest = news.exclude(pk=featured.pk) if featured else news
        return super().get_context_data(
            featured=featured,
            latest_news=latest[:10],
            upcoming_events=Event.objects.live().upcoming()[:5],
            latest_speeches=Speech.objects.live().select_related("speaker")[:5],
            leadership=Official.objects.filter(is_active=True)[:6],
            **kwargs,
        )


@requires_csrf_token
def server_error(request):
    """The 500 page in the site's layout, rendered without context processors
    or database queries (either may be what failed)."""
    body = loader.get_template("500.html").render({"SITE_NAME": settings.SITE_NAME})
    return HttpResponseServerError(body)
