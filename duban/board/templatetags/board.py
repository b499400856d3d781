from django import template

register = template.Library()


@register.simple_tag
def public_entry(item):
    """The item's public board entry, or None."""
    from duban.board.models import PublicItem

    return PublicItem.objects.filter(item=item).first()
