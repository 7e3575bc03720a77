import pytest


@pytest.fixture
def axes_on(settings):
    """django-axes as in production (test settings switch it off for login())."""
    settings.AXES_ENABLED = True
    return settings
