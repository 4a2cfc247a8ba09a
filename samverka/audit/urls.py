from django.urls import path

from samverka.audit import views

app_name = "audit"
urlpatterns = [
    path("<str:app_label>/<str:model>/<str:object_id>/", views.history, name="history"),
]
