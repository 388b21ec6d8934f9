"""Pages a message links to: leaving non-essential mail (the link in List-Unsubscribe, one click)."""

from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from kopa.directory.models import Person

from . import services
from .delivery import UNSUBSCRIBE_SALT


@csrf_exempt  # the signed link is the authority; mail programs post to it without a form (RFC 8058)
def unsubscribe(request, token):
    try:
        person = Person.objects.get(pk=signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, Person.DoesNotExist):
        raise Http404 from None
    done = False
    if request.method == "POST":
        services.opt_out(person=person, opted_out=request.POST.get("again") != "1")
        done = True
    return render(request, "messaging/unsubscribe.html", {"person": person, "done": done})
