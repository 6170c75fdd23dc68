"""A section's name and description in every language (django-modeltranslation:
name_en, name_ru …; `section.name` reads the active language's, falling back
to the default language's)."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from newsroom.news.models import Section


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("name", "description")
    # Required in the default language only; the others fall back to it.
    required_languages = (settings.LANGUAGE_CODE,)
