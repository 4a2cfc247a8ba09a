from django.urls import path

from samverka.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/plan/", views.plan, name="plan"),
    path("<int:year>/plan.<str:fmt>", views.plan_download, name="plan_download"),
    path(
        "<int:year>/plan/revidering-<int:revision>.<str:fmt>",
        views.version_download,
        name="version_download",
    ),
    path("<int:year>/uppfoljning/", views.follow_up, name="follow_up"),
]
