"""schema.org JSON-LD and Open Graph, read from the pages as search engines
and link previews read them: each type carries what Google requires and
recommends (Article and NewsArticle: headline, image, dates, author,
publisher with logo; Event: name, startDate, location.address, eventStatus;
Person: name, url; the Organization on the home page), and every page has a
picture for shared links."""

import datetime
import json
import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from newsroom.identity.models import SiteIdentity
from newsroom.publishing.registry import content_kinds
from tests.factories import (
    editorial_factories,
    make_event,
    make_news,
    make_of_kind,
    make_official,
    make_speech,
    make_statement,
)

pytestmark = pytest.mark.django_db

ORGANISATION = "Sample Treaty Organisation"
SHARE_PICTURE = "http://testserver/share.png"
LOGO = "http://testserver/icon-512.png"
ARTICLE = ("headline", "image", "datePublished", "dateModified", "author", "publisher")


@pytest.fixture(autouse=True)
def identity():
    return SiteIdentity.objects.create(
        name=ORGANISATION, short_name="STO", address="1 Sample street\nSample city"
    )


def json_ld(response) -> list[dict]:
    """Every JSON-LD object of the page (the members of an @graph too)."""
    assert response.status_code == 200
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    objects = []
    for script in scripts:
        data = json.loads(script)
        assert data["@context"] == "https://schema.org"
        objects.extend(data.get("@graph", [data]))
    return objects


def of_type(response, schema_type) -> dict:
    [data] = [o for o in json_ld(response) if o["@type"] == schema_type]
    return data


def meta(response, key) -> str | None:
    """The content of <meta property|name="key">."""
    match = re.search(
        rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">',
        response.content.decode(),
    )
    return match and match[1]


def assert_served_image(client, url):
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("image/")


def assert_moment(value):
    assert datetime.datetime.fromisoformat(value).tzinfo is not None


def test_a_news_article_has_what_search_engines_require(client):
    item = make_news(
        title="Consultations held",
        lead_image="news/photo.jpg",
        lead_image_alt="Delegations at the table",
    )
    data = of_type(client.get(item.get_absolute_url()), "NewsArticle")

    assert all(data.get(name) for name in ARTICLE), data
    assert data["headline"] == "Consultations held"
    assert data["image"] == "http://testserver/media/news/photo.jpg"
    assert_moment(data["datePublished"])
    assert_moment(data["dateModified"])
    assert data["author"] == {**data["publisher"]}
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == ORGANISATION
    assert data["publisher"]["url"] == "http://testserver/"
    assert data["publisher"]["logo"]["url"] == LOGO
    assert_served_image(client, data["publisher"]["logo"]["url"])


@pytest.mark.parametrize(
    "factory", editorial_factories().values(), ids=lambda f: f.__name__
)
def test_an_item_without_a_picture_has_the_organisations(client, factory):
    obj = factory()
    response = client.get(obj.get_absolute_url())
    [data] = json_ld(response)
    assert data["image"] == SHARE_PICTURE
    assert meta(response, "og:image") == SHARE_PICTURE
    assert_served_image(client, SHARE_PICTURE)


def test_a_speech_is_an_article_by_its_speaker_with_their_portrait(client):
    speaker = make_official(
        name="Imangali Tasmagambetov",
        position="Secretary General",
        portrait="officials/portrait.jpg",
        portrait_alt="Portrait of the Secretary General",
    )
    speech = make_speech(speaker=speaker, title="Address to the Council")
    response = client.get(speech.get_absolute_url())
    data = of_type(response, "Article")

    assert all(data.get(name) for name in ARTICLE), data
    assert data["image"] == "http://testserver/media/officials/portrait.jpg"
    assert data["author"]["@type"] == "Person"
    assert data["author"]["name"] == "Imangali Tasmagambetov"
    assert data["author"]["url"] == f"http://testserver{speaker.get_absolute_url()}"
    assert data["publisher"]["logo"]["url"] == LOGO
    assert meta(response, "og:image") == data["image"]
    assert meta(response, "og:image:alt") == "Portrait of the Secretary General"


def test_a_statement_is_an_article_by_the_body_that_issued_it(client):
    statement = make_statement(organ="Council of Foreign Ministers")
    data = of_type(client.get(statement.get_absolute_url()), "Article")
    assert all(data.get(name) for name in ARTICLE), data
    assert data["author"] == {
        "@type": "Organization",
        "name": "Council of Foreign Ministers",
    }
    assert data["publisher"]["logo"]["url"] == LOGO


def test_an_event_has_its_place_as_address_its_dates_and_status(client):
    event = make_event(
        title="Joint exercise",
        starts_on=datetime.date(2024, 4, 1),
        ends_on=datetime.date(2024, 4, 23),
        location="Minsk, Republic of Belarus",
        lead_image="events/field.jpg",
        lead_image_alt="The field",
    )
    data = of_type(client.get(event.get_absolute_url()), "Event")

    assert data["name"] == "Joint exercise"
    assert data["startDate"] == "2024-04-01"
    assert data["endDate"] == "2024-04-23"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {
        "@type": "Place",
        "name": "Minsk, Republic of Belarus",
        "address": "Minsk, Republic of Belarus",
    }
    assert data["image"] == "http://testserver/media/events/field.jpg"
    assert data["organizer"]["name"] == ORGANISATION


def test_an_event_without_a_place_is_at_the_organisations_address(client):
    event = make_event(location="")
    data = of_type(client.get(event.get_absolute_url()), "Event")
    assert data["location"]["name"] == ORGANISATION
    assert data["location"]["address"] == "1 Sample street Sample city"
    assert data["image"] == SHARE_PICTURE


def test_a_person_is_described_by_the_opening_of_their_biography(client):
    official = make_official(
        name="Andrei Serdyukov",
        position="Chief of the Joint Staff",
        organ="Joint Staff",
        biography="<p>Born in 1962 in Kursk.</p><p>Served in the &laquo;Airborne"
        " Forces&raquo; &amp; " + "commanded the troops " * 40 + "</p>",
    )
    data = of_type(client.get(official.get_absolute_url()), "Person")

    assert data["name"] == "Andrei Serdyukov"
    assert data["url"] == f"http://testserver{official.get_absolute_url()}"
    assert data["description"].startswith(
        "Born in 1962 in Kursk. Served in the «Airborne Forces» & commanded"
    )
    assert "<" not in data["description"] and "&amp;" not in data["description"]
    assert len(data["description"]) <= 300
    assert data["description"].endswith("…")
    assert data["jobTitle"] == "Chief of the Joint Staff"


def test_a_person_without_a_biography_is_described_by_post_and_body(client):
    official = make_official(position="Deputy Secretary General", organ="Secretariat")
    data = of_type(client.get(official.get_absolute_url()), "Person")
    assert data["description"] == "Deputy Secretary General, Secretariat"


def test_the_home_page_describes_the_website_and_the_organisation(client):
    response = client.get("/")
    website = of_type(response, "WebSite")
    organisation = of_type(response, "Organization")

    assert website["name"] == ORGANISATION
    assert website["url"] == "http://testserver/"
    assert organisation["name"] == ORGANISATION
    assert organisation["url"] == "http://testserver/"
    assert organisation["logo"]["url"] == LOGO
    assert website["publisher"] == {"@id": organisation["@id"]}


def test_other_pages_describe_the_website_only(client):
    assert [o["@type"] for o in json_ld(client.get("/news/"))] == ["WebSite"]


# (page, its address or the kind whose item's page it is) of every page kind.
SHARED_PAGES = [
    ("home", "/"),
    ("search", "/search/?q=sample"),
    *(
        (f"{k.plural} listing", reverse(k.index_url))
        for k in content_kinds
        if k.index_url
    ),
    *((f"{k.name} page", k.name) for k in content_kinds),
]


@pytest.mark.parametrize(
    ("page", "target"), SHARED_PAGES, ids=[p for p, _ in SHARED_PAGES]
)
def test_every_page_has_a_picture_for_shared_links(client, page, target):
    if target in content_kinds:
        target = make_of_kind(content_kinds.get(target)).get_absolute_url()
    response = client.get(target)
    assert meta(response, "og:image") == SHARE_PICTURE
    assert meta(response, "twitter:image") == SHARE_PICTURE
    assert meta(response, "og:image:alt") == ORGANISATION
    assert meta(response, "twitter:card") == "summary_large_image"


def test_an_item_with_a_photo_is_shared_with_it(client):
    item = make_news(lead_image="news/photo.jpg", lead_image_alt="Delegations")
    response = client.get(item.get_absolute_url())
    assert meta(response, "og:image") == "http://testserver/media/news/photo.jpg"
    assert meta(response, "twitter:image") == "http://testserver/media/news/photo.jpg"
    assert meta(response, "twitter:image:alt") == "Delegations"
