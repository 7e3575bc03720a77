from django import template
from django.utils.html import format_html

from ops.submissions import FIELD, new_key

register = template.Library()


@register.simple_tag
def submission_key():
    """A hidden field with a fresh key: the form it sits in is written once."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_key())
