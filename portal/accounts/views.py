"""The account pages: thin views over portal.accounts.services.

Login, logout, password change and reset are Django's own views (see
``urls.py``); Django's LoginView rotates the session key at login and
accepts ``next=`` only for this host.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.accounts import services
from portal.accounts.forms import (DeleteForm, EmailForm, LicenceForm,
                                   RegistrationForm, TokenForm)
from portal.accounts.models import ApiToken, LicenceVersion
from portal.groups import tree

__all__ = ["register", "verify", "verify_again", "account", "licence", "create_token",
           "revoke_token", "delete"]


def register(request):
    """The registration form; a valid one mails the verification link."""
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.register(form, request)
        return render(request, "accounts/register_done.html",
                      {"email": form.cleaned_data["email"]})
    return render(request, "accounts/register.html",
                  {"form": form, "licence": LicenceVersion.current()})


def verify(request, token):
    """The target of the link in the verification mail."""
    user = services.verify(token)
    return render(request, "accounts/verified.html", {"verified": user},
                  status=200 if user else 400)


def verify_again(request):
    """Asks for the address and sends the verification link again."""
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.resend_verification(form.cleaned_data["email"], request)
        return render(request, "accounts/register_done.html",
                      {"email": form.cleaned_data["email"]})
    return render(request, "accounts/verify_again.html", {"form": form})


@login_required
def account(request):
    """The account page: licence, groups, tokens, links."""
    user = request.user
    return render(request, "accounts/account.html", {
        "acceptances": user.licence_acceptances.select_related("licence"),
        "licence_current": services.has_accepted_current(user),
        "groups": tree.effective_groups(user),
        "direct_groups": user.group_memberships.select_related("group"),
        "tokens": user.api_tokens.all(),
        "token_form": TokenForm(),
        "manages": bool(tree.managed_group_ids(user)),
    })


@login_required
def licence(request):
    """Shows the current licence; a POST accepts it."""
    current = LicenceVersion.current()
    form = LicenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and current:
        services.accept_licence(request.user, current)
        messages.success(request, f"You accepted {current}.")
        return redirect("accounts:account")
    return render(request, "accounts/licence.html",
                  {"licence": current, "form": form})


@never_cache
@login_required
@require_POST
def create_token(request):
    """Makes a token and shows its secret, this once."""
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "A token needs a label.")
        return redirect("accounts:account")
    token, secret = ApiToken.issue(request.user, form.cleaned_data["name"])
    # rendered, not redirected: the secret must not sit in a session
    return render(request, "accounts/token_created.html",
                  {"token": token, "secret": secret})


@login_required
@require_POST
def revoke_token(request, pk):
    """Revokes one of the caller's own tokens."""
    token = get_object_or_404(ApiToken.objects.usable(), pk=pk,
                              user=request.user)
    token.revoke()
    messages.success(request, f"Token {token} revoked.")
    return redirect("accounts:account")


@login_required
def delete(request):
    """Confirms with the password, then deletes the account."""
    form = DeleteForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.delete_account(user)
        return render(request, "accounts/deleted.html")
    return render(request, "accounts/delete.html", {"form": form})
