"""Speeches in the content-kind registry."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.publishing.registry import ContentKind, HomeBlock, register
from newsroom.publishing.structured_data import describe
from newsroom.speeches.models import Speech

HOME_LATEST = 5


def speech_article(request, speech, data):
    data["author"] = describe(request, speech.speaker)
    data["dateCreated"] = speech.delivered_on
    if speech.speaker.portrait:
        # A speech has no photo of its own: the speaker's portrait stands for it.
        data["image"] = request.build_absolute_uri(speech.speaker.portrait.url)
    if speech.location:
        data["locationCreated"] = {"@type": "Place", "name": speech.location}
    return data


def home_block():
    return {
        "items": Speech.objects.live()
        .in_language()
        .select_related("speaker")[:HOME_LATEST]
    }


register(
    ContentKind(
        model=Speech,
        name="speech",
        plural="speeches",
        label=pgettext_lazy("one item of this kind", "Speech"),
        label_plural=_("Speeches"),
        detail_url="speeches:detail",
        urls=(("speeches/", "newsroom.speeches.urls"),),
        index_url="speeches:index",
        date_field="delivered_on",
        schema_type="Article",
        structured_data=speech_article,
        navigation=20,
        home=HomeBlock("speeches/home_block.html", home_block, order=30),
        translations_unofficial=True,
    )
)
