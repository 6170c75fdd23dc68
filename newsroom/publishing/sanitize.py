"""Allow-list sanitising of staff-written rich text: the one place that says which
HTML may reach a public page. Every rich-text model field calls it on save."""

import re

import nh3

ALLOWED_TAGS = frozenset(
    {
        "h2", "h3", "h4", "h5", "h6",
        "p", "br", "hr", "div", "span",
        "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark",
        "abbr", "cite", "q", "code", "pre",
        "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
        "a", "img", "figure", "figcaption",
        "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot",
        "tr", "th", "td",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "target", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start", "reversed", "type"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
}

ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})

# Elements removed together with everything inside them (not just unwrapped):
# their content is code or chrome, never article text.
REMOVED_WITH_CONTENT = frozenset(
    {
        "script", "style", "iframe", "object", "embed", "applet", "noscript",
        "noembed", "noframes", "template", "svg", "math", "form", "textarea",
        "select", "button", "title", "xmp", "plaintext", "frameset",
    }
)  # fmt: skip

_TARGET_VALUES = {"_blank", "_self"}
_OPENING_A_TAG = re.compile(r'<a((?:\s+[^\s="<>/]+(?:="[^"]*")?)*)>')


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "target" and value not in _TARGET_VALUES:
        return None
    if attribute in {"width", "height", "colspan", "rowspan", "span", "start"}:
        return (
            value if value.isascii() and value.isdigit() and len(value) <= 5 else None
        )
    return value


def _protect_new_windows(html: str) -> str:
    """Links that open a new window get rel="noopener noreferrer" (tab-nabbing)."""

    def add_rel(match: re.Match) -> str:
        attributes = match.group(1)
        if ' target="_blank"' not in attributes:
            return match.group(0)
        return f'<a{attributes} rel="noopener noreferrer">'

    return _OPENING_A_TAG.sub(add_rel, html)


def sanitize_html(html: str | None) -> str:
    """Return `html` with only allow-listed tags, attributes and URL schemes.

    The result is stable: sanitising it again gives the same string.
    """
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    # The HTML parser drops a newline right after <pre> and the serialiser does
    # not write it back: restore it, or every save eats one leading newline.
    cleaned = cleaned.replace("<pre>\n", "<pre>\n\n")
    return _protect_new_windows(cleaned).strip()


def editor_allowed_content() -> str:
    """The allow-list above as CKEditor 4's `extraAllowedContent` rules.

    CKEditor's own filter keeps only what its toolbar makes; markup the server
    allows beyond that (an image's width, a `<code>`, a table's `<caption>`)
    would be dropped each time a body is opened and saved without an edit.
    """
    bare = sorted(ALLOWED_TAGS - ALLOWED_ATTRIBUTES.keys())
    rules = [" ".join(bare)]
    for tag, attributes in sorted(ALLOWED_ATTRIBUTES.items()):
        rules.append(f"{tag}[{','.join(sorted(attributes))}]")
    return "; ".join(rules)
