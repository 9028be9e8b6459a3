"""Sign-in, sign-out, password change, the two-factor pages and the session timeout's "continue".

No self-service password reset: the county sends no e-mail from this service, and an
administrator resets a forgotten password.
"""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from hankehallinta import accounts
from hankehallinta.entry import view_entry
from hankehallinta.permissions import PUBLIC, SIGNED_IN

GET_POST = ("GET", "POST")


class NoAutofocus:
    """Django's sign-in and password forms put the focus in their first field: here the page starts at its
    top instead, so that the first Tab reaches the skip link and a screen reader reads the page from its
    heading (issue 16)."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for field in form.fields.values():
            field.widget.attrs.pop("autofocus", None)
        return form


class SignInView(NoAutofocus, auth_views.LoginView):
    pass


class PasswordChangeView(NoAutofocus, auth_views.PasswordChangeView):
    pass


urlpatterns = [
    path("login/", view_entry(PUBLIC, methods=GET_POST, public=True)(SignInView.as_view()), name="login"),
    path("logout/", view_entry(PUBLIC, methods=("POST",), public=True)(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "password_change/",
        view_entry(SIGNED_IN, methods=GET_POST)(PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "password_change/done/",
        view_entry(SIGNED_IN)(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
    path("2fa/", accounts.two_factor, name="two_factor"),
    path("2fa/verify/", accounts.two_factor_verify, name="two_factor_verify"),
    path("2fa/setup/", accounts.two_factor_setup, name="two_factor_setup"),
    path("2fa/qr.svg", accounts.two_factor_qr, name="two_factor_qr"),
    path("session/extend/", accounts.session_extend, name="session_extend"),
]
