"""Rich text is sanitised against an allow-list (`sanitize_html`, on nh3) on
every save: one case per class of hostile markup and per allowed tag, the
properties the sanitiser promises, and the wiring (model fields, the admin)."""

from html.parser import HTMLParser

import pytest

from newsroom.news.models import NewsItem
from newsroom.officials.models import Official
from newsroom.publishing.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitize_html
from tests.factories import add_form_data, admin_url, make_news, make_official

# Never in any output, whatever the input.
ALWAYS_GONE = (
    "<script", "javascript:", "vbscript", "data:text", "<iframe", "<svg", "<math",
    "<form", "<input", "<base", "<object", "<embed", "<style", "<meta", "<link",
    "<template", "<noscript", "srcdoc", "style=", "onerror", "onclick", "onload",
    'onmouseover="', "<!--",
)  # fmt: skip


def hostile(snippet, *, gone=(), kept=(), id):
    """A hostile snippet, what else its output must lose, the harmless text
    around it that must survive."""
    return pytest.param(snippet, gone, kept, id=id)


# One case per class of attack.
HOSTILE = [
    hostile("<p>a</p><ScRiPt>alert(1)</ScRiPt><p>b</p>", gone=("alert",),
            kept=("<p>a</p>", "<p>b</p>"), id="script-element-with-its-content"),
    hostile("<p>hi <img src=x onerror=alert(1)> there</p>", gone=("alert",),
            kept=("<p>hi ", " there</p>"), id="event-handler-attribute"),
    hostile('<p style="background:url(javascript:alert(1))">styled</p>',
            gone=("background",), kept=("<p>styled</p>",), id="style-attribute"),
    hostile('<p><a href="&#106;ava&#x09;script:alert(1)">click</a></p>',
            gone=("href", "alert"), kept=("click",), id="javascript-url-disguised"),
    hostile('<p><a href="data:text/html;base64,PHNjcmlwdD4=">click</a></p>',
            gone=("href", "base64"), kept=("click",), id="data-url"),
    hostile('<p><a href="VBScript:msgbox(1)">click</a></p>',
            gone=("href", "msgbox"), kept=("click",), id="vbscript-url"),
    hostile('<p>a</p><iframe srcdoc="<script>alert(1)</script>"></iframe><p>b</p>',
            gone=("alert",), kept=("<p>a</p>", "<p>b</p>"), id="embedding-element"),
    hostile("<p>a</p><svg onload=alert(1)><p>b</p>", gone=("alert",),
            kept=("<p>a</p>", "<p>b</p>"), id="foreign-content"),
    hostile('<p>a</p><form action="https://evil.example/"><input type="password">'
            "</form><p>b</p>", gone=("evil.example", "password"),
            kept=("<p>a</p>", "<p>b</p>"), id="form-controls"),
    hostile('<base href="https://evil.example/"><meta http-equiv="refresh" '
            'content="0"><p>text</p>', gone=("evil.example", "refresh"),
            kept=("<p>text</p>",), id="document-level-elements"),
    hostile("<style>body{background:red}</style><p>text</p>",
            gone=("background",), kept=("<p>text</p>",), id="style-element"),
    hostile("<p>a</p><!--[if IE]><script>alert(1)</script><![endif]--><p>b</p>",
            gone=("[if", "alert"), kept=("<p>a</p>", "<p>b</p>"), id="comment"),
    hostile("<p>a</p><noembed><img src=x onerror=alert(1)></noembed><p>b</p>",
            gone=("<noembed", "<img", "alert"), kept=("<p>a</p>", "<p>b</p>"),
            id="raw-text-element"),
    hostile("<p>a</p><img src=x onerror=alert(1)//", gone=("<img", "alert"),
            kept=("<p>a</p>",), id="unclosed-markup"),
    hostile('<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
            gone=("alert", "title="), id="mutation-xss"),
    hostile("<a title='x\" onmouseover=\"alert(1)'>hover</a>",
            kept=("hover", "onmouseover=&quot;"), id="attribute-break-out"),
    hostile('<img src="https://example.org/a.jpg" srcset="javascript:alert(1) 1x" '
            'alt="A">', gone=("srcset",),
            kept=('<img src="https://example.org/a.jpg" alt="A">',),
            id="url-attribute-not-allowed"),
]  # fmt: skip

# Allowed markup, kept byte for byte; together they use every allowed tag.
SAFE = [
    "<h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6>Six</h6>",
    "<p>Line<br>break</p><hr><div>Block <span>inline</span></div>",
    "<p><strong>a</strong> <b>b</b> <em>c</em> <i>d</i> <u>e</u> <s>f</s> "
    "<small>g</small> <mark>h</mark> H<sub>2</sub>O x<sup>2</sup></p>",
    '<p><abbr title="United Nations">UN</abbr> <cite>Charter</cite> <q>Quote</q> '
    "<code>x = 1</code></p>",
    "<pre>  indented\n  code</pre>",
    "<blockquote><p>Quoted words.</p></blockquote>",
    '<ul><li>One</li></ul><ol start="3" reversed="" type="a"><li>Three</li></ol>',
    "<dl><dt>Term</dt><dd>Definition</dd></dl>",
    '<p><a href="https://example.org/?a=1&amp;b=2" title="T" hreflang="en">x</a> '
    '<a href="mailto:press@example.org">mail</a> <a href="/news/">News</a></p>',
    '<p><a href="https://example.org/" target="_blank" rel="noopener noreferrer">'
    "New tab</a></p>",
    '<figure><img src="https://example.org/a.jpg" alt="A" title="T" width="640" '
    'height="480"><figcaption>Caption</figcaption></figure>',
    '<table><caption>C</caption><colgroup><col span="2"></colgroup><thead><tr>'
    '<th scope="col" colspan="2">A</th></tr></thead><tbody><tr><td rowspan="2">B'
    "</td><td>C</td></tr></tbody><tfoot><tr><td>D</td></tr></tfoot></table>",
    "<p>Fish &amp; chips &lt;script&gt; a&nbsp;b</p>",
]

# Loose markup that is rewritten into its normal form.
REWRITTEN = [
    pytest.param('<img src="https://example.org/a.jpg" alt="A"/>',
                 '<img src="https://example.org/a.jpg" alt="A">', id="void-element"),
    pytest.param("<table><tr><td>a</td></tr></table>",
                 "<table><tbody><tr><td>a</td></tr></tbody></table>", id="tbody"),
    pytest.param('<p><a href="/?a=1&b=2">q</a></p>',
                 '<p><a href="/?a=1&amp;b=2">q</a></p>', id="bare-ampersand"),
    pytest.param('<img src="/a.jpg" width="100%" height="9999999">',
                 '<img src="/a.jpg">', id="sizes-not-small-numbers"),
    pytest.param("  <p>x</p>\n ", "<p>x</p>", id="surrounding-whitespace"),
]  # fmt: skip


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name for name, _ in attrs}))

    handle_startendtag = handle_starttag


def tags_and_attributes(html):
    collector = _TagCollector()
    collector.feed(html)
    collector.close()
    return collector.tags


@pytest.mark.parametrize(("snippet", "gone", "kept"), HOSTILE)
def test_hostile_markup_loses_its_dangerous_part_and_keeps_the_text(
    snippet, gone, kept
):
    output = sanitize_html(snippet)
    for marker in ALWAYS_GONE + gone:
        assert marker.lower() not in output.lower(), f"{marker!r} in {output!r}"
    for text in kept:
        assert text in output, f"{text!r} lost from {output!r}"
    for tag, attributes in tags_and_attributes(output):
        assert tag in ALLOWED_TAGS
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | (
            {"rel"} if tag == "a" else set()
        )
        assert attributes <= allowed, (tag, attributes)


def test_the_safe_cases_use_every_allowed_tag():
    used = {tag for html in SAFE for tag, _ in tags_and_attributes(html)}
    assert used == ALLOWED_TAGS


@pytest.mark.parametrize("html", SAFE)
def test_allowed_markup_survives_byte_for_byte(html):
    assert sanitize_html(html) == html


@pytest.mark.parametrize(("html", "expected"), REWRITTEN)
def test_loose_markup_is_normalised(html, expected):
    assert sanitize_html(html) == expected


@pytest.mark.parametrize(
    "html", [p.values[0] for p in HOSTILE + REWRITTEN] + SAFE + ["<pre>\n\ncode</pre>"]
)
def test_sanitising_twice_changes_nothing(html):
    once = sanitize_html(html)
    assert sanitize_html(once) == once


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/" target="_blank">x</a>',
         '<a href="/" target="_blank" rel="noopener noreferrer">x</a>'),
        ('<a target="_blank" title="a>b" href="/">x</a>',
         '<a target="_blank" title="a&gt;b" href="/" rel="noopener noreferrer">x</a>'),
        ('<a href="/" target="_blank" rel="opener">x</a>',
         '<a href="/" target="_blank" rel="noopener noreferrer">x</a>'),
        ('<a href="/" rel="opener">x</a>', '<a href="/">x</a>'),
        ('<a href="/" target="_self">x</a>', '<a href="/" target="_self">x</a>'),
        ('<a href="/" target="_top">x</a>', '<a href="/">x</a>'),
        ('<a href="/" target=" _blank">x</a>', '<a href="/">x</a>'),
        ("""<a title=' target="_blank"' href="/">x</a>""",
         '<a title=" target=&quot;_blank&quot;" href="/">x</a>'),
    ],
    ids=["blank", "attribute-order", "posted-rel-replaced", "rel-without-blank",
         "self", "top", "padded-blank", "blank-inside-another-attribute"],
)  # fmt: skip
def test_a_new_window_link_gets_noopener_noreferrer_and_nothing_else_does(
    html, expected
):
    assert sanitize_html(html) == expected


@pytest.mark.parametrize(
    "html",
    ['<blockquote cite="javascript:alert(1)">q</blockquote>', '<q cite="x:y">q</q>'],
)
def test_cite_urls_are_dropped(html):
    # nh3 does not check the scheme of cite, and no page uses it: not allowed.
    assert "cite=" not in sanitize_html(html)


def test_a_newline_opening_pre_survives_every_save():
    # The parser eats one newline after <pre>: the sanitiser writes it back.
    assert sanitize_html("<pre>\n\ncode</pre>") == "<pre>\n\ncode</pre>"


@pytest.mark.parametrize("empty", [None, ""])
def test_nothing_gives_an_empty_string(empty):
    assert sanitize_html(empty) == ""


# --- The wiring: every rich-text field sanitises on every save ---------------------

DIRTY = '<p>a</p><script>alert(1)</script><img src=x onerror="alert(1)">'
CLEAN = '<p>a</p><img src="x">'


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "field"), [(make_news, "body"), (make_official, "biography")]
)
def test_a_rich_text_field_is_sanitised_on_create_and_on_update(factory, field):
    obj = factory(**{field: DIRTY})
    assert getattr(type(obj).objects.get(pk=obj.pk), field) == CLEAN
    setattr(obj, field, "<p>b</p>" + DIRTY)
    obj.save()
    assert getattr(type(obj).objects.get(pk=obj.pk), field) == "<p>b</p>" + CLEAN


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "field"), [(NewsItem, "body"), (Official, "biography_en")]
)
def test_a_raw_post_through_the_admin_is_stored_clean(admin_client, model, field):
    data = add_form_data(model) | {field: DIRTY}
    response = admin_client.post(admin_url(model, "add"), data)
    assert response.status_code == 302
    assert getattr(model.objects.get(slug=data["slug"]), field) == CLEAN
