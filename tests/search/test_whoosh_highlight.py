"""Snippets with <mark> around the words a query matched."""

import re

from django.utils.safestring import SafeString

from search.backends.highlight import highlight


def test_one_mark_spans_a_word_inside_a_longer_word():
    html = highlight("学习马克思主义理论", "马克思")
    assert html == "学习<mark>马克思</mark>主义理论"
    assert isinstance(html, SafeString)


def test_marks_never_nest_or_overlap():
    html = highlight("中华人民共和国成立", "中华人民共和国 人民 共和")
    assert html.count("<mark>") == html.count("</mark>") == 1
    assert "<mark>中华人民共和国</mark>" in html


def test_text_is_escaped():
    html = highlight('<script>alert("污水")</script>', "污水")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>污水</mark>" in html


def test_snippet_is_cut_around_the_first_match():
    text = "无关内容。" * 60 + "玉米深加工企业污水处理难题" + "其他内容。" * 60
    html = highlight(text, "污水处理", length=60)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>污水处理</mark>" in html
    assert len(re.sub(r"</?mark>", "", html)) <= 62


def test_english_and_model_numbers_case_insensitively():
    html = highlight("西门子 S7-1200 PLC 编程", "s7-1200 plc")
    assert "<mark>S7-1200</mark>" in html
    assert "<mark>PLC</mark>" in html


def test_no_match_or_empty_input():
    assert highlight("没有匹配的内容", "污水") == "没有匹配的内容"
    assert highlight("", "污水") == ""
    assert highlight("文本", "") == "文本"
    assert highlight("文本", '"((( AND') == "文本"


def test_latin_words_whole_chinese_words_anywhere_in_one_query():
    html = highlight("pumping station: 离心水泵 pump 选型", "pump 水泵")
    assert html == "pumping station: 离心<mark>水泵</mark> <mark>pump</mark> 选型"


def test_the_same_query_marks_the_same_words_again():
    # the query's words are remembered between texts; the result must not be
    # changed by what an earlier text contained
    first = highlight("污水处理工艺", "污水 plc")
    second = highlight("PLC 控制污水泵", "污水 plc")
    assert first == "<mark>污水</mark>处理工艺"
    assert second == "<mark>PLC</mark> 控制<mark>污水</mark>泵"
