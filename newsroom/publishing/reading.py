"""Rich text as a reader reads it: the one place that says when two bodies are
the same text, and what the words of a body are.

CKEditor re-serialises the body it loads (line breaks and tabs between blocks,
`<br />`, attributes in its own order, `&nbsp;` in empty paragraphs, bare text
wrapped in `<p>`), so a form saved without an edit posts other characters than
the ones stored. Both sides are put through the server's sanitiser and then
compared as a browser renders them: whitespace collapsed, none at the edges of
a block, attributes in one order, bare text in a paragraph.
"""

import re
from html.parser import HTMLParser

from django.utils.translation import gettext as _

from newsroom.publishing.sanitize import sanitize_html

# Elements that start a new line of text when rendered: whitespace next to them
# is not shown, and a reader sees their text as a paragraph of its own.
BLOCKS = frozenset(
    {
        "p", "div", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr",
        "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption",
        "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr",
        "th", "td", "br",
    }
)  # fmt: skip
_VOID = frozenset({"br", "hr", "img", "col"})
# U+00A0 is how CKEditor fills an empty paragraph and keeps a double space.
_SPACES = re.compile(r"[\s\u00a0]+")


class _Tokens(HTMLParser):
    """Sanitised HTML as (kind, value) tokens: ("start", (tag, attrs)),
    ("end", tag), ("text", str); bare text at the top wrapped in a paragraph."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens = []
        self.depth = 0
        self.wrapping = False  # a paragraph opened around bare top-level content
        self.in_pre = 0

    def _wrap_if_bare(self, tag=None):
        if self.depth == 0 and not self.wrapping and tag not in BLOCKS:
            self.tokens.append(("start", ("p", ())))
            self.wrapping = True
        elif self.depth == 0 and self.wrapping and tag in BLOCKS:
            self._close_wrapping()

    def _close_wrapping(self):
        if self.wrapping:
            self.tokens.append(("end", "p"))
            self.wrapping = False

    def handle_starttag(self, tag, attrs):
        self._wrap_if_bare(tag)
        self.tokens.append(("start", (tag, tuple(sorted(attrs)))))
        if tag == "pre":
            self.in_pre += 1
        if tag not in _VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        self.depth = max(self.depth - 1, 0)
        if tag == "pre":
            self.in_pre = max(self.in_pre - 1, 0)
        self.tokens.append(("end", tag))

    def handle_data(self, data):
        if self.in_pre:
            self.tokens.append(("pre", data))
            return
        if self.depth == 0 and not _SPACES.sub("", data):
            return  # whitespace between top-level blocks
        self._wrap_if_bare()
        self.tokens.append(("text", data))

    def close(self):
        super().close()
        self._close_wrapping()


def _is_boundary(token) -> bool:
    kind, value = token
    if kind == "start":
        return value[0] in BLOCKS
    return kind == "end" and value in BLOCKS


def _tokens(html: str | None) -> list:
    parser = _Tokens()
    parser.feed(sanitize_html(html))
    parser.close()
    merged = []
    for kind, value in parser.tokens:  # adjacent texts as one
        if kind == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", merged[-1][1] + value)
        else:
            merged.append((kind, value))
    tokens = []
    for i, (kind, value) in enumerate(merged):
        if kind == "text":
            value = _SPACES.sub(" ", value)
            if i == 0 or _is_boundary(merged[i - 1]):
                value = value.lstrip(" ")
            if i + 1 == len(merged) or _is_boundary(merged[i + 1]):
                value = value.rstrip(" ")
            if not value:
                continue
        tokens.append((kind, value))
    return tokens


def canonical(html: str | None) -> tuple:
    """`html` as a browser would render it, in a form that compares: two bodies
    with the same canonical form read the same (text, markup, links)."""
    return tuple(_tokens(html))


def reads_the_same(html1: str | None, html2: str | None) -> bool:
    """Whether two bodies are the same text to a reader (see the module's doc)."""
    return canonical(html1) == canonical(html2)


# What a reader is shown of an element that has no text of its own.
def _placeholder(tag: str, attrs: dict) -> str | None:
    if tag == "img":
        alt = (attrs.get("alt") or "").strip()
        return _("[Picture: %(alt)s]") % {"alt": alt} if alt else _("[Picture]")
    if tag == "hr":
        return _("[Line]")
    return None


def paragraphs(html: str | None) -> list[str]:
    """The text of `html` as a reader sees it: one string a paragraph (heading,
    list item, table row, line of preformatted text), words separated by single
    spaces; a list item starts with "•", the cells of a row are separated by
    "|", a picture is "[Picture: its alt text]", a link's text is followed by
    "[Link: its address]"."""
    result, current = [], []
    links = []  # the href of each open <a>, None if it has none

    def end_paragraph():
        text = " ".join("".join(current).split())
        if text:
            result.append(text)
        current.clear()

    for kind, value in _tokens(html):
        if kind == "text":
            current.append(value)
        elif kind == "pre":
            lines = value.split("\n")
            current.append(lines[0])
            for line in lines[1:]:
                end_paragraph()
                current.append(line)
        elif kind == "start":
            tag, attrs = value[0], dict(value[1])
            if tag in BLOCKS and tag not in ("td", "th"):
                end_paragraph()
            if tag == "li":
                current.append("• ")
            elif tag in ("td", "th") and "".join(current).strip():
                current.append(" | ")
            elif tag == "a":
                links.append(attrs.get("href"))
            shown = _placeholder(tag, attrs)
            if shown:
                current.append(f" {shown} ")
        elif kind == "end":
            if value == "a" and links:
                href = links.pop()
                if href:
                    current.append(" " + _("[Link: %(href)s]") % {"href": href})
            if value in BLOCKS and value not in ("td", "th"):
                end_paragraph()
    end_paragraph()
    return result
