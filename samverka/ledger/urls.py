from django.urls import path

from samverka.ledger import views

app_name = "ledger"
urlpatterns = [
    path("", views.index, name="index"),
    path("las-in/", views.upload, name="upload"),
    path("las-in/ersatt/", views.confirm_replace, name="confirm_replace"),
    path("koppling/", views.mapping, name="mapping"),
    path("<int:year>/", views.period, name="period"),
    path("<int:year>/inlasning/<slug:code>/", views.batch, name="batch"),
    path("<int:year>/inlasning/<slug:code>/koppla/", views.batch_remap, name="batch_remap"),
    path("<int:year>/<slug:unit_code>/", views.unit, name="unit"),
    path("<int:year>/<slug:unit_code>/prognos/<str:kind>/", views.forecast, name="forecast"),
    path(
        "<int:year>/<slug:unit_code>/<int:month>/kommentar/<str:kind>/",
        views.comment,
        name="comment",
    ),
]
