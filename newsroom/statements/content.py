"""Statements in the content-kind registry: this declaration is all that puts
them in the navigation, search, the sitemap, the roles and the home page."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.publishing.registry import ContentKind, HomeBlock, register
from newsroom.statements.models import Statement

HOME_LATEST = 5


def statement_article(request, statement, data):
    data["author"] = {"@type": "Organization", "name": statement.organ}
    data["dateCreated"] = statement.issued_on
    if statement.place:
        data["locationCreated"] = {"@type": "Place", "name": statement.place}
    return data


def home_block():
    return {
        "items": Statement.objects.live()
        .in_language()
        .order_by("-issued_on", "-id")[:HOME_LATEST]
    }


register(
    ContentKind(
        model=Statement,
        name="statement",
        plural="statements",
        label=pgettext_lazy("one item of this kind", "Statement"),
        label_plural=_("Statements"),
        detail_url="statements:detail",
        urls=(("statements/", "newsroom.statements.urls"),),
        index_url="statements:index",
        date_field="issued_on",
        schema_type="Article",
        structured_data=statement_article,
        navigation=30,
        home=HomeBlock("statements/home_block.html", home_block, order=25),
        translations_unofficial=True,
    )
)
