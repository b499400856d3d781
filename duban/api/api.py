"""The REST API (django-ninja). OpenAPI at /api/docs. See issue 4."""

from ninja import NinjaAPI

api = NinjaAPI(title="duban 督办 API", version="1", urls_namespace="api")


@api.get("/health", auth=None, tags=["system"])
def health(request):
    """Liveness probe: answers while the app can reach its database."""
    from duban.ledger.models import Item

    Item.objects.exists()
    return {"status": "ok"}
