"""A person's own API tokens: make one (shown once), see when each was last used, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import selectors, tokens
from accounts.forms import NewTokenForm
from accounts.models import ApiToken
from partnership import access
from partnership.pages import no_role


def _no_role(request: HttpRequest) -> HttpResponse:
    return no_role(request, nothing="is no API access", roles="performance officer or scrutiny")


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    if not access.can_use_site(request.user):
        return _no_role(request)
    form = NewTokenForm(request.POST if request.method == "POST" else None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = tokens.make_token(user=request.user, name=form.cleaned_data["name"])
        form = NewTokenForm()
    context = {"form": form, "tokens": selectors.api_tokens(request.user), "new_key": new_key}
    return render(request, "accounts/api_tokens.html", context)


@login_required
@require_POST
def revoke_api_token(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.can_use_site(request.user):
        return _no_role(request)
    try:
        token = tokens.revoke_token(user=request.user, token_id=pk)
    except ApiToken.DoesNotExist:
        raise Http404("You have no such token.") from None
    messages.success(request, f"The token “{token.name}” has been revoked: it no longer works.")
    return redirect("api_tokens")
