"""The organisation's names and address in every language
(django-modeltranslation: name_en, name_ru …; read in the active language,
falling back to the default language's)."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from newsroom.identity.models import SiteIdentity, SocialLink


@register(SiteIdentity)
class SiteIdentityTranslation(TranslationOptions):
    fields = ("name", "short_name", "service_name", "address")
    required_languages = (settings.LANGUAGE_CODE,)


@register(SocialLink)
class SocialLinkTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = (settings.LANGUAGE_CODE,)
