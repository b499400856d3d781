"""The public board, its Atom feed and the portal snippet; and the office's publish switch."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_page
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from duban.board import public
from duban.board.models import PublicItem
from duban.ledger.models import Journal
from duban.ledger.throttle import client_address
from duban.web.access import get_item, office_required


def cache_seconds() -> int:
    return int(getattr(settings, "DUBAN_PUBLIC_BOARD_CACHE_SECONDS", 300))


def public_view(view):
    """Off unless DUBAN_PUBLIC_BOARD; rate-limited per client address (429); the answer is the
    same for everyone, so proxies and browsers may keep it for DUBAN_PUBLIC_BOARD_CACHE_SECONDS
    and the server keeps it as long in its cache."""
    cached = cache_page(cache_seconds(), key_prefix="duban-board")(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.DUBAN_PUBLIC_BOARD:
            raise Http404
        if is_ratelimited(request, group="duban-board", key=lambda group, request: client_address(request),
                          rate=settings.DUBAN_PUBLIC_BOARD_RATE, increment=True):
            response = HttpResponse(_("访问过于频繁，请稍后再试。"), status=429, content_type="text/plain; charset=utf-8")
            response["Retry-After"] = "60"
            return response
        response = cached(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=cache_seconds())
        return response

    return wrapped


def context(limit=None) -> dict:
    return {"rows": public.rows(limit), "title": settings.DUBAN_PUBLIC_BOARD_TITLE,
            "feed_url": reverse("board:feed"), "embed_url": reverse("board:embed")}


@public_view
def board(request):
    return render(request, "board/board.html", context())


@public_view
@xframe_options_exempt
def embed(request):
    response = render(request, "board/embed.html", context(limit=20))
    response["Content-Security-Policy"] = f"frame-ancestors {settings.DUBAN_PUBLIC_BOARD_EMBED_ORIGINS}"
    return response


class BoardFeed(Feed):
    feed_type = Atom1Feed
    description_template = "board/feed_entry.html"

    def title(self):
        return settings.DUBAN_PUBLIC_BOARD_TITLE

    def link(self):
        return reverse("board:board")

    def items(self):
        return public.rows(limit=50)

    def item_title(self, row):
        return row.commitment[:60]

    def item_link(self, row):
        return f"{reverse('board:board')}#item-{row.id}"

    def item_pubdate(self, row):
        return row.published_at

    def item_updateddate(self, row):
        return row.updated_at

    def get_context_data(self, **kwargs):
        return {"row": kwargs["item"]}


feed = public_view(BoardFeed())


@office_required
@require_POST
def publish(request, pk: int):
    """Put an item on the public board ("public" = 1, optional "commitment" wording) or take it off."""
    item = get_item(request.user, pk)
    if request.POST.get("public") == "1":
        wording = (request.POST.get("commitment") or "").strip() or item.text
        entry, created = PublicItem.objects.update_or_create(item=item, defaults={"commitment": wording},
                                                             create_defaults={"commitment": wording,
                                                                              "published_by": request.user})
        Journal.record(user=request.user, item=item, action="publish", field="public", new=wording)
        messages.success(request, _("已在政务公开栏公开。"))
    else:
        PublicItem.objects.filter(item=item).delete()
        Journal.record(user=request.user, item=item, action="unpublish", field="public")
        messages.success(request, _("已从政务公开栏撤下。"))
    return redirect("item", pk=item.pk)
