"""A lead image's caption and credit are two things, not one run-on line."""

import re

import pytest
from django.template.loader import render_to_string

from newsroom.news.models import NewsItem

CREDIT = (
    '<small class="credit"><span class="credit-label">Credit:</span>'
    " Press service</small>"
)


def figcaption(**fields) -> str:
    item = NewsItem(lead_image="news/photo.jpg", lead_image_alt="A photo", **fields)
    html = render_to_string("includes/lead_image.html", {"item": item})
    match = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S)
    return match[1] if match else ""


def test_caption_and_credit_are_separate_elements_and_the_credit_is_labelled():
    assert figcaption(
        lead_image_caption="Delegations", lead_image_credit="Press service"
    ) == ('<span class="caption">Delegations</span> ' + CREDIT)


@pytest.mark.parametrize(
    "fields, expected",
    [
        (
            {"lead_image_caption": "Delegations"},
            '<span class="caption">Delegations</span>',
        ),
        (
            {"lead_image_credit": "Press service"},
            CREDIT,
        ),
        ({}, ""),
    ],
)
def test_either_may_be_missing(fields, expected):
    assert figcaption(**fields) == expected
