from django.contrib.auth import get_user_model, login
from django.shortcuts import redirect
from django.urls import include, path


def login_as(request, username):
    """The provider's sign-in form, reduced to its outcome (the test is about the protocol)."""
    login(request, get_user_model().objects.get(username=username),
          backend="django.contrib.auth.backends.ModelBackend")
    return redirect(request.GET["next"])


urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("login-as/<str:username>/", login_as),
]
