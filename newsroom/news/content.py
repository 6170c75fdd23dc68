"""News items and sections in the content-kind registry."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.news.models import NewsItem, Section
from newsroom.publishing.registry import Category, ContentKind, HomeBlock, register
from newsroom.publishing.structured_data import organisation

HOME_LATEST = 10


def news_article(request, item, data):
    data["articleSection"] = item.section.name
    data["author"] = organisation(request)
    if item.lead_image:
        data["image"] = request.build_absolute_uri(item.lead_image.url)
    return data


def home_block():
    news = NewsItem.objects.live().in_language().select_related("section")
    featured = news.filter(is_featured=True).first()
    latest = news.exclude(pk=featured.pk) if featured else news
    return {"featured": featured, "items": latest[:HOME_LATEST]}


register(
    ContentKind(
        model=NewsItem,
        name="news",
        plural="news",
        label=pgettext_lazy("one item of this kind", "News"),
        label_plural=_("News"),
        detail_url="news:detail",
        url_kwargs={"section": "section__slug", "slug": "slug"},
        urls=(
            ("news/", "newsroom.news.urls"),
            ("feeds/news/", "newsroom.news.feed_urls"),
        ),
        index_url="news:index",
        date_field="published_at",
        schema_type="NewsArticle",
        structured_data=news_article,
        navigation=10,
        category=Category(
            field="section",
            label=_("News section"),
            queryset=lambda: Section.objects.all(),
            empty_label=_("All sections"),
        ),
        home=HomeBlock("news/home_block.html", home_block, column="main", order=10),
        feeds=(
            (_("latest news (RSS)"), "newsfeeds:all", "application/rss+xml"),
            (_("latest news (Atom)"), "newsfeeds:all-atom", "application/atom+xml"),
        ),
    )
)

register(
    ContentKind(
        model=Section,
        name="section",
        plural="sections",
        label=pgettext_lazy("one item of this kind", "Section"),
        label_plural=_("Sections"),
        detail_url="news:section",
        url_kwargs={"section": "slug"},
        in_search=False,
    )
)
