"""What a save really changed, and how a change reads.

- A form's changed fields are those whose value a person changed: a body that
  reads the same (CKEditor's re-serialisation, newsroom/publishing/reading.py),
  a text whose only difference is the browser's line endings, a time equal to
  the one the form showed (which has no microseconds, or no seconds) are not
  changes; the stored value is kept, so a save of other fields rewrites none
  of these.
- Field names in plain words ("lead image", as the model calls them).
- Word diffs of texts: the words removed and added, paragraphs as paragraphs,
  every word escaped (a revision's text is staff input).
"""

import datetime
import re
from difflib import SequenceMatcher

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from newsroom.publishing.reading import paragraphs, reads_the_same

# Shown for an empty value in a comparison.
NOT_SET = _("(not set)")
# Unchanged paragraphs shown around a change; the rest is folded into "…".
CONTEXT_PARAGRAPHS = 1
DATETIME_SHOWN = "d.m.Y H:i"
DATE_SHOWN = "d.m.Y"

_TEMPORAL = (
    forms.DateTimeField,
    forms.SplitDateTimeField,
    forms.DateField,
    forms.TimeField,
)


def _same_text(initial, value) -> bool:
    """Texts equal but for line endings and the whitespace at their ends."""

    def plain(text):
        return text.replace("\r\n", "\n").replace("\r", "\n").strip()

    return plain(initial) == plain(value)


class TruthfulChangesForm(forms.ModelForm):
    """Mixed into an admin's form: `changed_data` holds what a person changed."""

    # Form fields that carry no content (the stale-save counter the form was
    # opened at): a difference in them is no edit.
    not_content = frozenset({"loaded_version"})

    @property
    def changed_data(self):
        cached = self.__dict__.get("_truthful_changed")
        if cached is not None:
            return cached
        # Django's own list (a cached_property of BaseForm).
        raw = forms.BaseForm.changed_data.func(self)
        changed = [
            name
            for name in raw
            if name not in self.not_content and not self._same_as_shown(name)
        ]
        if hasattr(self, "cleaned_data"):
            self.__dict__["_truthful_changed"] = changed
        return changed

    def _posted(self, name):
        cleaned = getattr(self, "cleaned_data", None)
        if cleaned is not None and name in cleaned:
            return cleaned[name]
        bound = self[name]
        try:
            return bound.field.clean(bound.data)
        except ValidationError:
            return bound.data

    def _same_as_shown(self, name) -> bool:
        bound = self[name]
        field, initial = bound.field, bound.initial
        value = self._posted(name)
        if isinstance(field, _TEMPORAL):
            return value == _as_shown(bound)
        if isinstance(initial, str) and isinstance(value, str):
            return _same_text(initial, value)
        return False

    def _post_clean(self):
        adding = self.instance._state.adding
        super()._post_clean()
        if adding:
            return  # nothing stored yet
        # A value that is the same as the stored one to its reader stays as stored.
        changed = set(self.changed_data)
        opts = self.instance._meta
        for name, field in self.fields.items():
            if name in changed or name not in self.initial or field.disabled:
                continue
            try:
                model_field = opts.get_field(name)
            except FieldDoesNotExist:  # a form-only field
                continue
            if model_field.is_relation or isinstance(model_field, models.FileField):
                continue
            setattr(self.instance, model_field.attname, self.initial[name])


def _as_shown(bound):
    """The stored value of a date or time field as the form showed it (its
    widget's precision), read back as the field reads what is posted."""
    field = bound.field
    widget = field.widget
    shown = widget.get_context(bound.html_name, field.prepare_value(bound.initial), {})
    parts = shown["widget"].get("subwidgets") or [shown["widget"]]
    data = {part["name"]: part["value"] or "" for part in parts}
    try:
        return field.clean(widget.value_from_datadict(data, {}, bound.html_name))
    except ValidationError:
        return None


def plain_label(label: str) -> str:
    """A field's label in a sentence: "Lead image" → "lead image" ("URL" stays)."""
    label = str(label)
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def field_label(field) -> str:
    """A field or a reverse relation as a heading: "Lead image", "Appointments"."""
    if isinstance(field, models.ForeignObjectRel):
        return capfirst(field.related_model._meta.verbose_name_plural)
    return capfirst(field.verbose_name)


# --- How a change reads ------------------------------------------------------------

_BREAK = "\n"  # a paragraph break among the words


def text_paragraphs(value) -> list[str]:
    """A plain text's paragraphs (its lines), words single-spaced."""
    if value is None:
        return []
    lines = (" ".join(line.split()) for line in str(value).splitlines())
    return [line for line in lines if line]


# A word or a punctuation mark, with the space before it: the diff keeps the
# spacing of the text, and "Minsk." → "Minsk in 1960." adds "in 1960".
_TOKEN = re.compile(r"\s*(?:\w+|[^\w\s])")


def _tokens(paras):
    tokens = []
    for i, paragraph in enumerate(paras):
        if i:
            tokens.append(_BREAK)
        tokens.extend(_TOKEN.findall(paragraph))
    return tokens


def _marked(tag, text) -> str:
    """`text` escaped, inside <tag> unless tag is None; the spaces at its ends
    stay outside the mark."""
    if tag is None:
        return escape(text)
    stripped = text.strip()
    if not stripped:
        return escape(text)
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return format_html("{}<{}>{}</{}>{}", lead, tag, stripped, tag, trail)


def word_diff(old: list[str], new: list[str]) -> str | None:
    """Paragraphs `old` → `new` as HTML: each paragraph a <p>, removed words in
    <del>, added words in <ins>, unchanged stretches far from a change folded
    into "…". None when the words are the same."""
    a, b = _tokens(old), _tokens(new)
    if a == b:
        return None
    shown = [[]]  # paragraphs of (html, changed)

    def emit(tokens, tag):
        run = []

        def flush():
            if run:
                shown[-1].append((_marked(tag, "".join(run)), tag is not None))
                run.clear()

        for token in tokens:
            if token == _BREAK:
                flush()
                shown.append([])
            else:
                run.append(token)
        flush()

    # Frequent tokens ("the", ",") are not matched on their own in long texts
    # (difflib's autojunk), which keeps a long body's diff fast.
    matcher = SequenceMatcher(None, a, b)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            emit(a[i1:i2], None)
        if op in ("delete", "replace"):
            emit(a[i1:i2], "del")
        if op == "replace" and shown[-1]:
            shown[-1].append((" ", False))  # between what went and what came
        if op in ("insert", "replace"):
            emit(b[j1:j2], "ins")
    shown = [parts for parts in shown if parts]
    changed = [any(c for _, c in parts) for parts in shown]
    near = {
        j
        for i, is_changed in enumerate(changed)
        if is_changed
        for j in range(i - CONTEXT_PARAGRAPHS, i + CONTEXT_PARAGRAPHS + 1)
    }
    html, folded = [], False
    for i, parts in enumerate(shown):
        if i not in near:
            if not folded:
                html.append('<p class="unchanged">…</p>')
            folded = True
            continue
        folded = False
        # Paragraphs are single-spaced: only the marks' edges can double a space.
        text = re.sub(" {2,}", " ", "".join(h for h, _ in parts)).strip()
        css = ' class="changed"' if changed[i] else ""
        html.append(f"<p{css}>{text}</p>")
    # Every word was escaped by _marked.
    return mark_safe(f'<div class="text-diff">{"".join(html)}</div>')


def value_change(old: str | None, new: str | None) -> str:
    """A short value replaced: "<del>old</del> → <ins>new</ins>"."""
    return format_html(
        '<p class="value-diff"><del>{}</del> → <ins>{}</ins></p>',
        old if old not in (None, "") else NOT_SET,
        new if new not in (None, "") else NOT_SET,
    )


def shown_value(value) -> str:
    """A stored value as the admin shows it: dates as dd.mm.yyyy [HH:MM] in the
    site's time zone, yes/no, text as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, DATETIME_SHOWN)
    if isinstance(value, datetime.date):
        return formats.date_format(value, DATE_SHOWN)
    return str(value)


FORMATTING_ONLY = _(
    "The words are the same; only their formatting changed (bold, italics, "
    "headings, quotations or tables)."
)


def rich_text_diff(old_html, new_html) -> str | None:
    """Two bodies as their words; None when they read the same."""
    if reads_the_same(old_html, new_html):
        return None
    diff = word_diff(paragraphs(old_html), paragraphs(new_html))
    return diff or format_html('<p class="value-diff">{}</p>', FORMATTING_ONLY)
