"""RSS 2.0 and Atom feeds of new technologies, policies and news."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from knowledge.models import NewsPage, PolicyPage, TechnologyNoticePage

#: items per feed
FEED_SIZE = 20


class PageFeed(Feed):
    """The newest live, public pages of one type, newest first."""

    model = TechnologyNoticePage
    title = _("New technologies")
    description = _("New technologies published by the station.")
    section = "technologies"

    def get_object(self, request, *args, **kwargs):
        # The feed instance is shared between requests: the request travels as `obj`.
        return request

    def link(self, obj):
        site = Site.find_for_request(obj)
        return site.root_url if site else "/"

    def items(self, obj):
        return (
            self.model.objects.live()
            .public()
            .order_by("-first_published_at")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.get_full_url()

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class TechnologyFeed(PageFeed):
    pass


class PolicyFeed(PageFeed):
    model = PolicyPage
    title = _("Policies")
    description = _("Policy documents for small and micro enterprises.")


class NewsFeed(PageFeed):
    model = NewsPage
    title = _("Station news")
    description = _("News and publicity of the station.")


def atom(feed_class: type[PageFeed]) -> type[PageFeed]:
    """The same feed in Atom 1.0."""
    return type(
        f"Atom{feed_class.__name__}",
        (feed_class,),
        {"feed_type": Atom1Feed, "subtitle": feed_class.description},
    )


FEEDS = {
    "technologies": TechnologyFeed,
    "policies": PolicyFeed,
    "news": NewsFeed,
}
