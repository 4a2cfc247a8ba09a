from django.urls import path

from samverka.portfolio import views

app_name = "portfolio"
# Project codes share the path with the pages; forms.RESERVED_CODES keeps them apart.
urlpatterns = [
    path("", views.index, name="index"),
    path("ar/<int:year>/", views.year_view, name="year"),
    path("ansokningar/", views.pipeline, name="pipeline"),
    path("finansiering/", views.funders, name="funders"),
    path("slutar-snart/", views.ending, name="ending"),
    path("avstamning/<int:year>/", views.reconciliation, name="reconciliation"),
    path("ny/", views.project_create, name="project_create"),
    path("<slug:code>/", views.project_detail, name="project"),
    path("<slug:code>/redigera/", views.project_edit, name="project_edit"),
    path("<slug:code>/ar/<int:year>/", views.project_year_edit, name="project_year_edit"),
    path(
        "<slug:code>/ar/<int:year>/finansiering/",
        views.financing_edit,
        name="financing_add",
    ),
    path(
        "<slug:code>/ar/<int:year>/finansiering/<slug:source>/",
        views.financing_edit,
        name="financing_edit",
    ),
]
