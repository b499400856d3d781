from django.urls import path

from duban.sso import views

app_name = "sso"
urlpatterns = [
    path("cas/login/", views.cas_login, name="cas-login"),
    path("cas/logout/", views.cas_logout, name="cas-logout"),
    path("oidc/authenticate/", views.oidc_authenticate, name="oidc-authenticate"),
    path("oidc/callback/", views.oidc_callback, name="oidc-callback"),
]
