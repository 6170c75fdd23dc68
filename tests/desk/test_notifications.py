"""E-mail on submission, return, publication and scheduling: to whom, with
what, never about one's own action, and only once the save has committed; and
each person's own page to turn them off."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from newsroom.accounts.roles import EDITOR, REPORTER, SITE_ADMINISTRATOR
from newsroom.desk.models import NotificationPreference
from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status
from tests.factories import (
    admin_url,
    change_data,
    editorial_factories,
    make_news,
    publication_time,
    staff,
)

pytestmark = pytest.mark.django_db

KINDS = editorial_factories()
SITE_URL = "https://press.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def team(db):
    return {
        "rita": staff(REPORTER, "rita.reporter"),
        "ralf": staff(REPORTER, "ralf.reporter"),
        "eddie": staff(EDITOR, "eddie.editor"),
        "erin": staff(EDITOR, "erin.editor"),
        "sasha": staff(SITE_ADMINISTRATOR, "sasha.admin"),
        "nomail": staff(EDITOR, "no.mail", email=""),
        "gone": staff(EDITOR, "gone.editor", is_active=False),
    }


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """``post(user, url, data)``: a browser's POST, with what runs on commit."""

    def post(user, url, data):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def sent_to():
    return sorted(address for message in mail.outbox for address in message.to)


def draft_of(user, build=make_news, **fields):
    return build(status=Status.DRAFT, published_at=None, created_by=user, **fields)


@pytest.mark.parametrize("model", KINDS, ids=lambda m: m.__name__)
def test_a_submission_tells_every_editor_but_the_submitter(team, post, model):
    item = draft_of(team["rita"], KINDS[model], title="Border talks")
    response = post(
        team["rita"],
        admin_url(model, "change", item.pk),
        change_data(item, _move=Status.IN_REVIEW),
    )
    assert response.status_code == 302
    # Editors and site administrators with an address; not the reporters, not
    # an inactive account, not one without an address.
    assert sent_to() == [
        "eddie.editor@example.org",
        "erin.editor@example.org",
        "sasha.admin@example.org",
    ]
    message = mail.outbox[0]
    assert "Awaiting review: Border talks" in message.subject
    assert "rita.reporter submitted the" in message.body
    assert f"{SITE_URL}{admin_url(model, 'change', item.pk)}" in message.body
    assert f"{SITE_URL}{reverse('admin:my_notifications')}" in message.body
    assert message.content_subtype == "plain"
    assert not getattr(message, "alternatives", None)  # no HTML part


def test_an_editor_submitting_is_not_told_of_it(team, post):
    item = draft_of(team["eddie"])
    post(
        team["eddie"],
        admin_url(NewsItem, "change", item.pk),
        change_data(item, _move=Status.IN_REVIEW),
    )
    assert "eddie.editor@example.org" not in sent_to()
    assert "erin.editor@example.org" in sent_to()


def test_a_return_tells_the_author_with_the_note(team, post):
    item = make_news(
        status=Status.IN_REVIEW, published_at=None, created_by=team["rita"]
    )
    note = "Please check the date of the session.\n\nAnd the minister's title."
    post(
        team["eddie"],
        admin_url(NewsItem, "change", item.pk),
        change_data(item, _move=Status.DRAFT, editorial_note=note),
    )
    assert sent_to() == ["rita.reporter@example.org"]
    body = mail.outbox[0].body
    assert "eddie.editor returned your news item" in body
    quoted = "> Please check the date of the session.\n>\n> And the minister's title."
    assert quoted in body


def test_publication_and_scheduling_tell_the_author(team, post, frozen_now):
    url_of = {}
    for title in ("Now", "Later"):
        item = make_news(
            title=title,
            status=Status.IN_REVIEW,
            published_at=None,
            created_by=team["rita"],
        )
        url_of[title] = (item, admin_url(NewsItem, "change", item.pk))
    item, url = url_of["Now"]
    post(team["eddie"], url, change_data(item, _move=Status.PUBLISHED))
    item, url = url_of["Later"]
    later = frozen_now + datetime.timedelta(days=2)
    post(
        team["eddie"],
        url,
        change_data(item, status=Status.PUBLISHED, **publication_time(later)),
    )

    assert sent_to() == ["rita.reporter@example.org"] * 2
    published, scheduled = mail.outbox
    assert "Published: Now" in published.subject
    assert "eddie.editor published your news item “Now”." in published.body
    assert "Scheduled: Later" in scheduled.subject
    assert "scheduled your news item “Later” for 26.04.2024 12:00." in scheduled.body


def test_nobody_is_told_of_their_own_publication(team, post):
    item = make_news(status=Status.DRAFT, published_at=None, created_by=team["eddie"])
    post(
        team["eddie"],
        admin_url(NewsItem, "change", item.pk),
        change_data(item, _move=Status.PUBLISHED),
    )
    assert mail.outbox == []


def test_bulk_actions_tell_as_the_buttons_do(team, post):
    items = [draft_of(team["rita"]), draft_of(team["ralf"])]
    post(
        team["eddie"],
        admin_url(NewsItem, "changelist"),
        {"action": "publish_now", "_selected_action": [i.pk for i in items]},
    )
    assert sent_to() == ["ralf.reporter@example.org", "rita.reporter@example.org"]


def test_a_refused_save_sends_nothing(team, post):
    item = make_news(
        status=Status.IN_REVIEW, published_at=None, created_by=team["rita"]
    )
    response = post(
        team["eddie"],
        admin_url(NewsItem, "change", item.pk),
        change_data(item, _move=Status.DRAFT),  # no note
    )
    assert response.status_code == 200
    assert mail.outbox == []


def test_nothing_is_sent_before_the_transaction_commits(team, client):
    item = draft_of(team["rita"])
    client.force_login(team["rita"])
    client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item, _move=Status.IN_REVIEW),
    )
    # The test's transaction never commits: the callbacks never ran.
    assert mail.outbox == []


def test_each_person_turns_their_own_mail_off(team, post, client):
    url = reverse("admin:my_notifications")
    client.force_login(team["erin"])
    page = client.get(url)
    assert page.status_code == 200
    assert "erin.editor@example.org" in page.content.decode()
    assert 'name="on_submission"' in page.content.decode()
    # Unticking a box posts nothing for it.
    response = client.post(url, {"on_return": "on", "on_publication": "on"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=team["erin"])
    assert not preference.on_submission

    item = draft_of(team["rita"])
    post(
        team["rita"],
        admin_url(NewsItem, "change", item.pk),
        change_data(item, _move=Status.IN_REVIEW),
    )
    assert "erin.editor@example.org" not in sent_to()
    assert "eddie.editor@example.org" in sent_to()


def test_a_reporter_turns_off_publication_mail(team, post, client):
    client.force_login(team["rita"])
    page = client.get(reverse("admin:my_notifications"))
    # Submissions go to those who may publish: not offered to a reporter.
    assert 'name="on_submission"' not in page.content.decode()
    client.post(reverse("admin:my_notifications"), {"on_return": "on"})

    item = draft_of(team["rita"])
    post(
        team["eddie"],
        admin_url(NewsItem, "change", item.pk),
        change_data(item, _move=Status.PUBLISHED),
    )
    assert mail.outbox == []
    assert NotificationPreference.objects.get(user=team["rita"]).on_return


def test_the_page_changes_only_ones_own_preferences(team, client):
    """There is no id in the address: a POST changes the poster's row only."""
    NotificationPreference.objects.create(user=team["eddie"], on_submission=True)
    client.force_login(team["rita"])
    client.post(
        reverse("admin:my_notifications"),
        {"user": team["eddie"].pk, "on_submission": ""},
    )
    assert NotificationPreference.objects.get(user=team["eddie"]).on_submission
    assert NotificationPreference.objects.get(user=team["rita"]).user == team["rita"]


def test_the_page_says_when_an_account_has_no_address(team, client):
    client.force_login(team["nomail"])
    page = client.get(reverse("admin:my_notifications")).content.decode()
    assert "Your account has no e-mail address" in page


def test_anonymous_visitors_get_the_login_page(client):
    response = client.get(reverse("admin:my_notifications"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_a_title_with_line_breaks_cannot_forge_mail_headers(team, post):
    item = draft_of(team["rita"], title="Talks\r\nBcc: victim@example.org")
    post(
        team["rita"],
        admin_url(NewsItem, "change", item.pk),
        change_data(
            item, _move=Status.IN_REVIEW, title="Talks\r\nBcc: victim@example.org"
        ),
    )
    for message in mail.outbox:
        assert "\n" not in message.subject
        assert message.bcc == []
        assert "victim@example.org" not in message.recipients()


def test_without_site_url_links_use_the_canonical_domain(team, post, settings):
    settings.SITE_URL = ""
    settings.SITE_DOMAIN = "news.example.net"
    item = draft_of(team["rita"])
    post(
        team["rita"],
        admin_url(NewsItem, "change", item.pk),
        change_data(item, _move=Status.IN_REVIEW),
    )
    assert "https://news.example.net/admin/" in mail.outbox[0].body
