"""One answer per invitation also when the same link is submitted from several places at once."""

import pytest

from kopa.surveys import services
from kopa.surveys.models import Invitation, Response
from tests.activities.test_concurrency import _in_threads
from tests.surveys.helpers import invited, questionnaire

pytestmark = pytest.mark.postgres


def test_ten_simultaneous_submissions_through_one_link_store_one_response(postgres):
    survey = questionnaire()
    invitation = invited(survey)
    answers = {"role": "staff", "rank": ["it", "quality"]}
    _in_threads([lambda: services.submit(questionnaire=survey, answers=answers, invitation=invitation)] * 10)
    assert Response.objects.filter(questionnaire=survey).count() == 1
    assert Invitation.objects.get(pk=invitation.pk).answered_at is not None
