"""Every name the back office shows for our models and their fields is in
Russian when Russian is chosen: the ones written in the models and the ones
Django derives from the code (newsroom/publishing/admin/names.py), so a new
field without a translation fails here, not in front of the press service."""

import re

import pytest
from django.apps import apps
from django.utils import translation

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def our_models():
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("newsroom.")
        for model in config.get_models()
    ]


@pytest.mark.parametrize("model", our_models(), ids=lambda m: m._meta.label)
def test_every_model_and_field_has_a_russian_name(model):
    opts = model._meta
    with translation.override("ru"):
        names = {
            "model": str(opts.verbose_name),
            "models": str(opts.verbose_name_plural),
            **{
                f.name: str(f.verbose_name)
                for f in [*opts.fields, *opts.many_to_many]
                if not f.auto_created  # "ID", Django's own
            },
        }
    untranslated = {
        name: shown for name, shown in names.items() if not CYRILLIC.search(shown)
    }
    assert not untranslated


def test_the_english_names_are_unchanged():
    from newsroom.news.models import NewsItem, Section

    with translation.override("en"):
        assert str(NewsItem._meta.get_field("lead_image").verbose_name) == "lead image"
        assert str(Section._meta.verbose_name_plural) == "sections"
        assert str(Section._meta.get_field("name_ru").verbose_name) == "name [ru]"
    with translation.override("ru"):
        assert str(Section._meta.get_field("name_ru").verbose_name) == "имя [ru]"
