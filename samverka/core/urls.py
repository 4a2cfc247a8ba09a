from django.urls import path

from samverka.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("oversikt/", views.overview, name="overview"),
    path("halsa/", views.health, name="health"),
    path("sok/", views.search, name="search"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
]
