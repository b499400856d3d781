from django.urls import path

from duban.board import views

app_name = "board"
urlpatterns = [
    path("", views.board, name="board"),
    path("feed.atom", views.feed, name="feed"),
    path("embed/", views.embed, name="embed"),
    path("items/<int:pk>/publish/", views.publish, name="publish"),
]
