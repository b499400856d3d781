from django.urls import path

from duban.notify import views

app_name = "notify"
urlpatterns = [path("", views.mine, name="mine")]
