"""An official's name, posts and biography in every language
(django-modeltranslation: name_en, name_ru …; read in the active language,
falling back to the default language's)."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from newsroom.officials.models import Official


@register(Official)
class OfficialTranslation(TranslationOptions):
    fields = (
        "name",
        "position",
        "rank",
        "organ",
        "country",
        "biography",
        "portrait_alt",
    )
    # Required in the default language only; the others fall back to it.
    required_languages = (settings.LANGUAGE_CODE,)
