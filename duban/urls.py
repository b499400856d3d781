from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("duban.api.urls")),
    path("areas/", include("duban.areas.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("public/", include("duban.board.urls")),
    path("sso/", include("duban.sso.urls")),
    path("notify/", include("duban.notify.urls")),
    path("", include("duban.web.urls")),
]
