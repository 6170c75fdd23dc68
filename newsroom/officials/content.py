"""Officials in the content-kind registry: not editorial items (no workflow),
but public pages that search, the sitemap and the navigation know."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.officials.models import Official
from newsroom.publishing.registry import ContentKind, HomeBlock, register
from newsroom.publishing.structured_data import plain_text

HOME_LEADERSHIP = 6


def person(request, official, data):
    # What the page says of them: the biography's opening, else their post.
    data["description"] = plain_text(official.biography) or official.position_and_organ
    data["jobTitle"] = official.position
    if official.portrait:
        data["image"] = request.build_absolute_uri(official.portrait.url)
    if official.organ:
        data["worksFor"] = {"@type": "Organization", "name": official.organ}
    return data


def home_block():
    return {"items": Official.objects.filter(is_active=True)[:HOME_LEADERSHIP]}


register(
    ContentKind(
        model=Official,
        name="official",
        plural="officials",
        label=pgettext_lazy("one item of this kind", "Official"),
        label_plural=_("Officials"),
        detail_url="officials:detail",
        urls=(("officials/", "newsroom.officials.urls"),),
        index_url="officials:index",
        schema_type="Person",
        structured_data=person,
        navigation=50,
        # Every official's page is public, current or former.
        public=lambda: Official.objects.all(),
        home=HomeBlock("officials/home_block.html", home_block, order=50),
        reporter_permissions=("view_official",),
        editor_permissions=(
            *(f"{action}_official" for action in ("add", "change", "delete", "view")),
            *(
                f"{action}_appointment"
                for action in ("add", "change", "delete", "view")
            ),
        ),
    )
)
