"""The admin's own forms as a browser would post them back."""

from django.forms.widgets import CheckboxInput, ClearableFileInput, FileInput


def _widget_values(bound):
    widget = bound.field.widget
    # RelatedFieldWidgetWrapper renders the widget it wraps.
    widget = getattr(widget, "widget", widget)
    if isinstance(widget, FileInput | ClearableFileInput):
        return {}
    context = widget.get_context(bound.html_name, bound.value(), {})["widget"]
    parts = context.get("subwidgets") or [context]
    values = {}
    for part in parts:
        value = part["value"]
        if isinstance(widget, CheckboxInput):
            if bound.value():
                values[part["name"]] = "on"
            continue
        values[part["name"]] = value if value is not None else ""
    return values


def admin_form_data(response, **changes) -> dict:
    """The data of the admin add or change page in `response`, with `changes`.

    Read from the form the page rendered (fields, hidden fields, inline
    management forms), so it fits any ModelAdmin without a list of fields.
    """
    context = response.context
    data = {}
    form = context["adminform"].form
    for bound in form:
        data.update(_widget_values(bound))
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for bound in management:
            data[bound.html_name] = bound.value()
        for inline_form in formset.forms:
            for bound in inline_form:
                data.update(_widget_values(bound))
    return data | changes
