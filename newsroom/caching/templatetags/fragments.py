"""{% fragment "name" value … %}…{% endfragment %}: a part of a page kept in
the shared cache under the site's generation (newsroom/caching/fragments.py).

The key holds the name, the page's template, the language, the scheme and
host, today's date and the values given (the page's address, an item's key):
name there everything else the part depends on. What is inside is rendered
once per change of the site; it must not hold anything about the visitor
(CSRF token, user, messages, CSP nonce). Rendered each time: previews
(`is_preview`), a page without a request, and error pages (templates named by
their status, 404.html …: any address can produce one).
"""

from django import template
from django.utils.safestring import mark_safe

from newsroom.caching.fragments import cached

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def render(self, context):
        request = context.get("request")
        page = context.template.name if context.template else ""
        if (
            request is None
            or context.get("is_preview")
            or not page
            or page[0].isdigit()
        ):
            return self.nodelist.render(context)
        vary = [page, *(value.resolve(context) for value in self.vary)]
        return mark_safe(  # noqa: S308 - the template's own output, escaped there
            cached(
                self.name.resolve(context),
                lambda: str(self.nodelist.render(context)),
                vary=vary,
                request=request,
            )
        )


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' needs a name: {{% fragment \"name\" value … %}}"
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name, *vary = (parser.compile_filter(bit) for bit in bits[1:])
    return FragmentNode(name, vary, nodelist)
