import xml.etree.ElementTree as ET

import pytest

from tests.factories.knowledge import news, policy, technology

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published(tree):
    return {
        "technologies": technology(tree.technologies, title="秸秆生物炭技术"),
        "policies": policy(tree.policies, title="小微企业扶持意见"),
        "news": news(tree.news, title="专家进企业活动"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["technologies", "policies", "news"])
def test_rss_feed_lists_the_live_items(published, client, kind):
    response = client.get(f"/feeds/{kind}/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [published[kind].title]
    assert items[0].findtext("link").endswith(published[kind].url)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["technologies", "policies", "news"])
def test_atom_feed_lists_the_live_items(published, client, kind):
    response = client.get(f"/feeds/{kind}/atom/")
    assert response.status_code == 200
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [published[kind].title]


@pytest.mark.django_db
def test_unpublished_items_stay_out_of_the_feed(tree, client):
    item = technology(tree.technologies, title="尚未发布的技术")
    item.unpublish()
    response = client.get("/feeds/technologies/rss/")
    assert "尚未发布的技术" not in response.content.decode()


@pytest.mark.django_db
def test_sitemap_lists_live_pages_only(published, tree, client):
    hidden = news(tree.news, title="草稿", slug="draft-news")
    hidden.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert published["policies"].url in body
    assert tree.technologies.url in body
    assert "draft-news" not in body
