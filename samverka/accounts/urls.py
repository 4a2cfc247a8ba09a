from django.contrib.auth import views as auth_views
from django.urls import path

from samverka.accounts import views

app_name = "accounts"
urlpatterns = [
    path("logga-in/", views.LoginView.as_view(), name="login"),
    path("logga-ut/", views.LogoutView.as_view(), name="logout"),
    path("inloggning-nekad/", views.sso_refused, name="sso_refused"),
    path("losenord/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "losenord/klart/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("losenord/nytt/<uidb64>/<token>/", views.PasswordSetView.as_view(), name="password_set"),
    path(
        "losenord/nytt/klart/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_set_done.html"
        ),
        name="password_set_done",
    ),
    path("anvandare/", views.user_list, name="users"),
    path("anvandare/ny/", views.user_create, name="user_create"),
    path("anvandare/<str:username>/", views.user_detail, name="user"),
    path("anvandare/<str:username>/roller/", views.role_add, name="role_add"),
    path("anvandare/<str:username>/roller/ta-bort/", views.role_remove, name="role_remove"),
    path("anvandare/<str:username>/aktiv/", views.user_set_active, name="user_set_active"),
    path("anvandare/<str:username>/las-upp/", views.user_unlock, name="user_unlock"),
    path(
        "anvandare/<str:username>/losenordslank/",
        views.user_password_link,
        name="user_password_link",
    ),
]
