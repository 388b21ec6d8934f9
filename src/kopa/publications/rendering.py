"""Markdown written by people, rendered and then sanitised: no script, event handler or javascript: link."""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

TAGS = {"p", "br", "hr", "strong", "em", "a", "ul", "ol", "li", "blockquote", "h2", "h3", "h4", "code", "pre",
        "table", "thead", "tbody", "tr", "th", "td"}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


def render_markdown(text: str) -> SafeString:
    html = markdown.markdown(text or "", extensions=["tables"], output_format="html")
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                      link_rel="noopener noreferrer")
    return mark_safe(clean)  # sanitised by nh3 just above


def plain_text(text: str) -> str:
    """The text without markup, for feeds' summaries, OpenGraph descriptions and the search index."""
    return nh3.clean(markdown.markdown(text or ""), tags=set()).strip()
