from django.urls import path

from samverka.plan import views

app_name = "plan"
urlpatterns = [
    path("", views.index, name="index"),
]
