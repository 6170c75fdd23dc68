import django_filters
from django.utils.translation import gettext_lazy as _

from newsroom.officials.models import Official
from newsroom.publishing.filters import DatedFilterSet
from newsroom.speeches.models import Speech


class SpeechFilter(DatedFilterSet):
    date_field = "delivered_on"

    speaker = django_filters.ModelChoiceFilter(
        # Evaluated per request: a speaker appears once a speech of theirs is live.
        queryset=lambda request: Official.objects.filter(
            pk__in=Speech.objects.live().in_language().values("speaker")
        ),
        to_field_name="slug",
        empty_label=_("All speakers"),
    )

    class Meta(DatedFilterSet.Meta):
        model = Speech
        fields: list[str] = []
