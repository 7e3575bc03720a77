import pytest
from django.core.cache import cache

from tests.factories.knowledge import site_tree


@pytest.fixture(autouse=True)
def _fresh_site_cache():
    # Wagtail caches the sites' root paths; tests move the site root with update().
    cache.clear()


@pytest.fixture
def tree(db):
    return site_tree()
