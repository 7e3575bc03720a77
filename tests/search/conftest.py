import pytest
from wagtail.search.backends import get_search_backend


@pytest.fixture
def whoosh(settings, tmp_path, db):
    """A fresh, empty Whoosh index for this test, used by all searches and saves."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.whoosh", "PATH": str(tmp_path / "ix")}
    }
    return get_search_backend()


@pytest.fixture
def quick_whoosh(settings, tmp_path, db):
    """A fresh index whose writes give up on a held lock after 0.1 s (and queue)."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.whoosh",
            "PATH": str(tmp_path / "ix"),
            "LOCK_TIMEOUT": 0.1,
        }
    }
    return get_search_backend()
