import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _language_left_as_found():
    """A page request activates its URL's language for the thread; later test files expect the one they found."""
    before = translation.get_language()
    yield
    translation.activate(before) if before else translation.deactivate()
