"""Refusals are pages in the site's language that say why."""


def test_a_refusal_says_why_in_chinese(client, enterprise):
    client.force_login(enterprise.user)
    response = client.get("/accounts/answers/")
    assert response.status_code == 403
    text = response.content.decode()
    assert "没有权限" in text
    assert "此页面仅供专家使用" in text


def test_huge_numbers_in_query_strings_are_not_a_500(client, db):
    from tests.factories.knowledge import site_tree

    site_tree()
    for year in ("99999999999999999999", "10000", "-1", "abc"):
        assert client.get(f"/news/?year={year}").status_code == 200
    for offset in ("99999999999999999999", "9223372036854775808"):
        response = client.get(f"/api/v3/problems/?offset={offset}")
        assert response.status_code == 400


def test_an_unknown_address_is_a_chinese_page(client, db):
    from tests.factories.knowledge import site_tree

    site_tree()
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "页面不存在" in text and "django-comments-xtd" not in text


def test_the_server_error_page_needs_no_request_or_database():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("zh-hans"):
        text = render_to_string("500.html")
    assert "服务器出错" in text
