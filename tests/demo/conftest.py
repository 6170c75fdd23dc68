import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language. A request to a /ru/ page
    leaves Russian active in the thread (LocaleMiddleware activates it and
    nothing deactivates it), and `official.rank` would then read the Russian
    column in whichever test runs next."""
    with translation.override(settings.LANGUAGE_CODE):
        yield
