import django_filters
from django.utils.translation import gettext_lazy as _

from newsroom.publishing.filters import DatedFilterSet
from newsroom.statements.models import Statement


class StatementFilter(DatedFilterSet):
    date_field = "issued_on"

    organ = django_filters.ChoiceFilter(
        label=_("Issued by"),
        empty_label=_("Any body"),
        # Evaluated per request: a body appears once a statement of it is live.
        choices=lambda: [
            (organ, organ)
            for organ in Statement.objects.live()
            .in_language()
            .order_by("organ")
            .values_list("organ", flat=True)
            .distinct()
        ],
    )

    class Meta(DatedFilterSet.Meta):
        model = Statement
        fields: list[str] = []
