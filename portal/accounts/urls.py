"""URLs below /accounts/: ours and Django's authentication views."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from portal.accounts import views

__all__ = ["urlpatterns", "app_name"]

app_name = "accounts"


def _done(name):
    return reverse_lazy(f"accounts:{name}")


urlpatterns = [
    path("", views.account, name="account"),
    path("register/", views.register, name="register"),
    path("verify/again/", views.verify_again, name="verify-again"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("licence/", views.licence, name="licence"),
    path("tokens/", views.create_token, name="token-create"),
    path("tokens/<int:pk>/revoke/", views.revoke_token, name="token-revoke"),
    path("delete/", views.delete, name="delete"),
    path("login/", auth_views.LoginView.as_view(
        redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(
        success_url=_done("password_change_done")), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("password/reset/", auth_views.PasswordResetView.as_view(
        success_url=_done("password_reset_done"),
        email_template_name="registration/password_reset_email.txt"),
        name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/",
         auth_views.PasswordResetConfirmView.as_view(
             success_url=_done("password_reset_complete")),
         name="password_reset_confirm"),
    path("password/reset/done/",
         auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]
