from django.urls import path

from samverka.audit import views

app_name = "audit"
urlpatterns = [
    # <code> is the object's natural code and may span several segments (audit.addressing).
    path("<str:app_label>/<str:model>/<path:code>/", views.history, name="history"),
]
