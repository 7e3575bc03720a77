"""One headless API: Wagtail's API v3 (django-ninja) with the apps' routers added.

Routers must be added before `api.urls` is first read, so they are added here, at
import time of the URL configuration, and nowhere else.
"""

from wagtail.api.v3.urls import api

from ops import api_errors
from qa.api import problems_router, search_router, tags_router
from stations.api import router as stats_router

api_errors.register(api)
api.add_router("/stats/", stats_router)
api.add_router("/problems/", problems_router)
api.add_router("/tags/", tags_router)
api.add_router("/search/", search_router)

__all__ = ["api"]
