"""One headless API: Wagtail's API v3 (django-ninja) with the apps' routers added.

Routers must be added before `api.urls` is first read, so they are added here, at
import time of the URL configuration, and nowhere else.
"""

from wagtail.api.v3.urls import api

from stations.api import router as stats_router

api.add_router("/stats/", stats_router)

__all__ = ["api"]
