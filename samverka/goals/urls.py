from django.urls import path

from samverka.goals import views, views_financial

app_name = "goals"
urlpatterns = [
    path("", views.index, name="index"),
    path("hamtningar/", views.fetch_runs, name="fetch_runs"),
    path("enkat/import/", views.survey_import, name="survey_import"),
    path("indikator/<slug:code>/", views.indicator_detail, name="indicator"),
    path("indikator/<slug:code>/installningar/", views.indicator_edit, name="indicator_edit"),
    path("indikator/<slug:code>/kolada/", views.mapping_edit, name="mapping_edit"),
    path("indikator/<slug:code>/malvarde/<int:year>/", views.target_edit, name="target_edit"),
    path(
        "indikator/<slug:code>/varde/<int:year>/<slug:area>/",
        views.measurement_edit,
        name="measurement_edit",
    ),
    path(
        "finansiella-mal/<int:year>/<slug:measure>/",
        views_financial.financial_target_edit,
        name="financial_target_edit",
    ),
    path("<slug:code>/", views.goal_detail, name="goal"),
]
