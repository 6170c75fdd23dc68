"""An official's post in one line: the body they serve in is never printed twice."""

import re

import pytest

from newsroom.officials.models import Official
from tests.factories import make_official, make_speech

JOINT_STAFF = {
    "name": "Andrei Serdyukov",
    "position": "Joint Staff",
    "rank": "Colonel-General",
    "organ": "Joint Staff",
}


@pytest.mark.parametrize(
    "position, organ, line",
    [
        (
            "Secretary General",
            "CSTO Secretariat",
            "Secretary General, CSTO Secretariat",
        ),
        ("Joint Staff", "Joint Staff", "Joint Staff"),
        (
            "Chief of the CSTO Joint Staff",
            "Joint Staff",
            "Chief of the CSTO Joint Staff",
        ),
        ("Chief of the joint staff", "Joint Staff", "Chief of the joint staff"),
        ("Secretary General", "", "Secretary General"),
        ("", "Joint Staff", "Joint Staff"),
    ],
)
def test_the_organ_is_named_once(position, organ, line):
    assert Official(position=position, organ=organ).position_and_organ == line


def _main(response) -> str:
    assert response.status_code == 200
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


@pytest.mark.django_db
def test_the_officials_list_shows_the_organ_once(client):
    make_official(slug="serdyukov", **JOINT_STAFF)
    make_official(
        slug="tasmagambetov", position="Secretary General", organ="CSTO Secretariat"
    )

    main = _main(client.get("/officials/"))

    lines = re.findall(r'<p class="meta">(.*?)</p>', main)
    assert lines == [
        "Colonel-General<br>Joint Staff",
        "Secretary General, CSTO Secretariat",
    ]


@pytest.mark.django_db
def test_the_official_page_shows_the_organ_once(client):
    official = make_official(slug="serdyukov", **JOINT_STAFF)
    main = _main(client.get(official.get_absolute_url()))
    assert main.count("Joint Staff") == 1
    assert "<dt>Rank</dt><dd>Colonel-General</dd>" in main


@pytest.mark.django_db
def test_the_speaker_card_shows_the_organ_once(client):
    speech = make_speech(speaker=make_official(slug="serdyukov", **JOINT_STAFF))
    main = _main(client.get(speech.get_absolute_url()))
    assert '<span class="meta">Joint Staff</span>' in main
