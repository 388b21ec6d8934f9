"""Password reset, limited per address and per e-mail entered (so nobody floods a mailbox or probes accounts);
a person's own API tokens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kopa.core.errors import DomainError, attach_to_form

from . import services, throttle
from .forms import ApiTokenForm
from .models import ApiToken


class LimitedPasswordResetView(auth.PasswordResetView):
    def form_valid(self, form):
        limit = settings.KOPA_PASSWORD_RESETS_PER_HOUR
        email = form.cleaned_data["email"].strip().lower()
        by_address = throttle.allow("password-reset-ip", throttle.client_address(self.request), limit=limit * 4,
                                    minutes=60)
        by_account = throttle.allow("password-reset-email", email, limit=limit, minutes=60)
        if not (by_address and by_account):
            form.add_error(None, _("Too many password resets were asked for. Please try again in an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


@never_cache
@login_required
def api_tokens(request):
    """The signed-in person's own API tokens; a new one's secret is shown in the answer to the form, once."""
    form = ApiTokenForm(request.POST or None)
    secret = None
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = services.create_api_token(user=request.user, name=form.cleaned_data["name"],
                                                        scope=form.cleaned_data["scope"],
                                                        expires_at=form.expires_at())
        except DomainError as error:
            if error.field == "expires_at":
                error.field = "expires_on"
            attach_to_form(form, error)
        else:
            form = ApiTokenForm()
    status = 400 if request.method == "POST" and form.errors else 200
    rows = ApiToken.objects.filter(user=request.user).only(
        "pk", "name", "prefix", "scope", "created_at", "last_used_at", "expires_at", "revoked_at")
    return render(request, "accounts/api_tokens.html", {"form": form, "tokens": rows, "secret": secret,
                                                        "created": created, "now": timezone.now()}, status=status)


@require_POST
@login_required
def revoke_api_token(request, pk):
    # Another person's token is not found, rather than refused: its existence is not theirs to learn.
    token = get_object_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    services.revoke_api_token(token=token, by=request.user)
    messages.success(request, _("The token “%(name)s” is revoked: scripts using it are refused from now on.")
                     % {"name": token.name})
    return redirect("accounts:api_tokens")
