"""Password reset, limited per address and per e-mail entered (so nobody floods a mailbox or probes accounts)."""

from django.conf import settings
from django.contrib.auth import views as auth
from django.utils.translation import gettext as _

from . import throttle


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
