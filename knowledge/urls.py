from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from knowledge import views
from knowledge.feeds import FEEDS, atom

app_name = "knowledge"
urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("events/<int:pk>/register/", views.event_register, name="event_register"),
    path("events/<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
]
for name, feed in FEEDS.items():
    urlpatterns += [
        path(f"feeds/{name}/rss/", feed(), name=f"feed_{name}_rss"),
        path(f"feeds/{name}/atom/", atom(feed)(), name=f"feed_{name}_atom"),
    ]
