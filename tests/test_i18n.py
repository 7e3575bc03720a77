import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

PO_FILE = Path(settings.BASE_DIR) / "locale/zh_Hans/LC_MESSAGES/django.po"


def po_entries(text: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of a .po file; continuation lines joined."""
    entries, key, current = [], None, {}
    for line in [*text.splitlines(), ""]:
        match = re.match(r'^(msgid|msgstr|msgid_plural|msgstr\[0\]) "(.*)"$', line)
        if match:
            key = match.group(1)
            current[key] = match.group(2)
        elif line.startswith('"') and key:
            current[key] += line[1:-1]
        elif not line.strip() and current:
            msgstr = current.get("msgstr", current.get("msgstr[0]", ""))
            entries.append((current.get("msgid", ""), msgstr))
            current, key = {}, None
    return [(msgid, msgstr) for msgid, msgstr in entries if msgid]


def test_every_interface_string_has_a_chinese_translation():
    entries = po_entries(PO_FILE.read_text(encoding="utf-8"))
    assert len(entries) > 200
    untranslated = [msgid for msgid, msgstr in entries if not msgstr]
    assert untranslated == []
    assert "#, fuzzy\nmsgid" not in PO_FILE.read_text(encoding="utf-8")


def test_compiled_catalogue_is_committed_beside_the_source():
    mo = PO_FILE.with_suffix(".mo")
    assert mo.exists()
    assert mo.stat().st_size > 1000


def test_defaults_are_simplified_chinese_and_shanghai_time():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert [code for code, _name in settings.LANGUAGES] == ["zh-hans", "en"]


@pytest.mark.django_db
def test_chinese_first_and_english_on_request(client):
    html = client.get(reverse("qa:problem_list")).content.decode()
    assert "技术难题" in html and "发布难题" not in html  # logged out: no posting link
    client.post(reverse("set_language"), {"language": "en", "next": "/problems/"})
    html = client.get(reverse("qa:problem_list")).content.decode()
    assert "Technical problems" in html
    assert "技术难题" not in html


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese_until_it_switches(client):
    url = reverse("qa:problem_list")
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "技术难题" in html
    client.post(reverse("set_language"), {"language": "en", "next": url})
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert "Technical problems" in html
