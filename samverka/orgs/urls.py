from django.urls import path

from samverka.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.index, name="index"),
    path("kommuner/", views.member_list, name="members"),
    path("kommuner/hamta-fran-scb/", views.population_fetch, name="population_fetch_all"),
    path("kommuner/<str:code>/", views.member_detail, name="member"),
    path("kommuner/<str:code>/folkmangd/ny/", views.population_add, name="population_add"),
    path(
        "kommuner/<str:code>/folkmangd/hamta-fran-scb/",
        views.population_fetch,
        name="population_fetch",
    ),
    path(
        "kommuner/<str:code>/folkmangd/<str:date>/", views.population_edit, name="population_edit"
    ),
    path(
        "kommuner/<str:code>/folkmangd/<str:date>/ta-bort/",
        views.population_delete,
        name="population_delete",
    ),
    path("enheter/", views.unit_list, name="units"),
    path("enheter/<slug:code>/", views.unit_detail, name="unit"),
    path("enheter/<slug:code>/redigera/", views.unit_edit, name="unit_edit"),
    path("organ/", views.body_list, name="bodies"),
    path("organ/<slug:code>/", views.body_detail, name="body"),
    path("organ/<slug:code>/platser/ny/", views.seat_add, name="seat_add"),
    path("organ/<slug:code>/platser/<uuid:key>/", views.seat_edit, name="seat_edit"),
    path("organ/<slug:code>/platser/<uuid:key>/ta-bort/", views.seat_delete, name="seat_delete"),
    path("natverk/", views.network_list, name="networks"),
    path("perioder/", views.period_list, name="periods"),
    path("perioder/<int:year>/", views.period_detail, name="period"),
    path("perioder/<int:year>/anta/", views.period_adopt, name="period_adopt"),
    path("perioder/<int:year>/revidera/", views.period_open_revision, name="period_revision"),
]
