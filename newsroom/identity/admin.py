from django.contrib import admin
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from newsroom.identity.models import SiteIdentity, SocialLink
from newsroom.media.pending import KeepsChosenImagesAdmin


class SocialLinkInline(TranslationTabularInline):
    model = SocialLink
    extra = 1
    fields = ["label", "url", "order"]
    # An address typed without a scheme is https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(SiteIdentity)
class SiteIdentityAdmin(KeepsChosenImagesAdmin, TranslationAdmin):
    """One record: the list opens it (or the form to create it). Names and
    address in each language (name_en, name_ru …)."""

    inlines = [SocialLinkInline]
    readonly_fields = ["derived", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "service_name", "domain"]}),
        (_("Emblem"), {"fields": ["emblem", "derived"]}),
        (_("Contacts for journalists"), {"fields": ["address", "phone", "email"]}),
        (_("Record"), {"fields": ["updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("Made from it"))
    def derived(self, identity):
        return format_html(
            '<img src="{}" alt="" width="32" height="32"> '
            '<img src="{}" alt="" width="90" height="90"> '
            '<img src="{}" alt="" width="240" height="126">',
            identity.picture_url("icon-32.png"),
            identity.picture_url("apple-touch-icon.png"),
            identity.picture_url("share.png"),
        )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteIdentity.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False  # every page needs it; change it instead

    def changelist_view(self, request, extra_context=None):
        identity = SiteIdentity.objects.first()
        if identity is not None:
            url = reverse("admin:identity_siteidentity_change", args=[identity.pk])
        elif self.has_add_permission(request):
            url = reverse("admin:identity_siteidentity_add")
        else:
            return super().changelist_view(request, extra_context)
        return HttpResponseRedirect(url)
