from django.urls import path

from samverka.plan import views

app_name = "plan"
urlpatterns = [
    path("", views.index, name="index"),
    path("aktiviteter/<slug:code>/", views.activity_detail, name="activity"),
    path("aktiviteter/<slug:code>/redigera/", views.activity_edit, name="activity_edit"),
    path("aktiviteter/<slug:code>/kopplingar/", views.activity_link_add, name="activity_link_add"),
    path(
        "aktiviteter/<slug:code>/kopplingar/ta-bort/",
        views.activity_link_remove,
        name="activity_link_remove",
    ),
    path("uppfoljning/", views.round_list, name="rounds"),
    path("uppfoljning/<slug:code>/", views.round_detail, name="round"),
    path("uppfoljning/<slug:code>/stang/", views.round_close, name="round_close"),
    path("uppfoljning/<slug:code>/<slug:activity>/", views.report_edit, name="report"),
    path("uppdrag/<slug:code>/", views.programme_detail, name="programme"),
    path("uppdrag/<slug:code>/finansiering/", views.programme_funding, name="funding"),
    path(
        "uppdrag/<slug:code>/aktivitetsplan/<int:year>/",
        views.plan_versions,
        name="plan_versions",
    ),
    path(
        "uppdrag/<slug:code>/aktivitetsplan/<int:year>/jamfor/",
        views.plan_diff,
        name="plan_diff",
    ),
    path(
        "uppdrag/<slug:code>/aktivitetsplan/<int:year>/v<int:number>/",
        views.plan_version,
        name="plan_version",
    ),
    path(
        "uppdrag/<slug:code>/aktivitetsplan/<int:year>/v<int:number>/ny-aktivitet/",
        views.plan_activity_edit,
        name="plan_activity_add",
    ),
    path(
        "uppdrag/<slug:code>/aktivitetsplan/<int:year>/v<int:number>/aktivitet/<uuid:key>/",
        views.plan_activity_edit,
        name="plan_activity_edit",
    ),
    path(
        "uppdrag/<slug:code>/aktivitetsplan/<int:year>/v<int:number>/aktivitet/<uuid:key>/ta-bort/",
        views.plan_activity_delete,
        name="plan_activity_delete",
    ),
    path(
        "uppdrag/<slug:code>/aktivitetsplan/<int:year>/v<int:number>/faststall/",
        views.plan_adopt,
        name="plan_adopt",
    ),
    path(
        "uppdrag/<slug:code>/aktivitetsplan/<int:year>/v<int:number>/revidera/",
        views.plan_revise,
        name="plan_revise",
    ),
]
