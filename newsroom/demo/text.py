"""Plain text to the HTML our rich-text fields hold."""

import re

from django.utils.html import escape

_WHITESPACE = re.compile(r"\s+")


def text_to_html(text: str) -> str:
    """Blank-line separated paragraphs become <p>; runs of "- " lines become a <ul>."""
    blocks = [
        _WHITESPACE.sub(" ", block).strip() for block in re.split(r"\n\s*\n", text)
    ]
    html: list[str] = []
    items: list[str] = []
    for block in filter(None, blocks):
        if block.startswith("- "):
            items.append(f"<li>{escape(block[2:].strip())}</li>")
            continue
        if items:
            html.append(f"<ul>{''.join(items)}</ul>")
            items = []
        html.append(f"<p>{escape(block)}</p>")
    if items:
        html.append(f"<ul>{''.join(items)}</ul>")
    return "\n".join(html)
