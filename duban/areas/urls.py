"""Work areas: subjects, major projects (重大项目), 五星 branch ratings. See issue 6."""

from django.urls import path

from duban.areas import views

app_name = "areas"
urlpatterns = [
    path("subjects/", views.subject_list, name="subjects"),
    path("subjects/<int:pk>/", views.subject_detail, name="subject"),
    path("subjects/<int:pk>/merge/", views.subject_merge, name="subject_merge"),
    path("subjects/<int:subject_id>/project/", views.project_create, name="project_create"),
    path("projects/", views.project_list, name="projects"),
    path("projects/<int:subject_id>/", views.project_detail, name="project"),
    path("projects/<int:subject_id>/stage/", views.project_stage, name="project_stage"),
    path("projects/<int:subject_id>/plan/", views.project_plan, name="project_plan"),
    path("stars/", views.star_summary, name="stars"),
    path("stars/<int:unit_id>/", views.star_unit, name="star_unit"),
    path("stars/<int:unit_id>/rate/", views.star_rate, name="star_rate"),
    path("stars/<int:unit_id>/tie/", views.star_tie, name="star_tie"),
]
