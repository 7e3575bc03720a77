from django import template

from qa.rendering import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """Render user Markdown sanitised; see qa.rendering."""
    return render_markdown(text)
