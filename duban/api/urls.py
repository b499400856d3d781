from django.urls import path

from duban.api.api import api

urlpatterns = [path("", api.urls)]
