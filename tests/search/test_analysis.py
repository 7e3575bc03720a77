"""The jieba analyzer: normalisation, positions, model numbers, dictionaries."""

from search.backends.analysis import (
    STOP_WORDS,
    ChineseAnalyzer,
    add_user_dict,
    analyze,
    query_groups,
)


def texts(text: str) -> list[str]:
    return [t.text for t in analyze(text)]


def test_search_mode_yields_words_inside_longer_words():
    terms = texts("玉米深加工企业污水处理难题")
    assert {"污水", "处理", "污水处理", "玉米", "深加工", "企业"} <= set(terms)


def test_parts_share_the_position_of_their_word():
    terms = analyze("深度学习入门指南")
    by_text = {t.text: t.pos for t in terms}
    assert by_text["深度"] == by_text["学习"] == by_text["深度学习"] == 0
    assert by_text["入门"] == 1
    assert by_text["指南"] == 2


def test_positions_are_words_not_character_offsets():
    positions = [t.pos for t in analyze("马克思主义理论研究") if t.base]
    assert positions == list(range(len(positions)))


def test_full_width_text_is_normalised_and_lower_cased():
    assert texts("ＡＢＣ１２３　全角") == ["abc123", "全角"]
    assert "python" in texts("PYTHON 编程")


def test_offsets_point_into_the_original_text():
    text = "西门子 S7-1200 控制器"
    for term in analyze(text):
        assert text[term.start : term.end].lower() == term.text


def test_model_numbers_are_findable_whole_and_by_parts():
    assert {"s7-1200", "s7", "1200"} <= set(texts("西门子S7-1200编程"))
    assert {"iso", "9001"} <= set(texts("通过 ISO 9001 认证"))
    assert {"poseidon-1234abc", "poseidon", "1234abc"} <= set(texts("Poseidon-1234ABC"))


def test_stop_words_are_dropped():
    assert "的" in STOP_WORDS
    assert "的" not in texts("企业的污水")
    assert texts("的了") == []


def test_domain_terms_from_the_user_dictionary():
    assert "人参皂苷" in texts("人参皂苷提取工艺")
    assert "数控机床" in texts("数控机床维修")


def test_extra_user_dictionary(tmp_path):
    extra = tmp_path / "extra.txt"
    extra.write_text("寻解平台 3000 n\n", encoding="utf-8")
    add_user_dict(extra)
    assert "寻解平台" in texts("欢迎使用寻解平台")


def test_query_groups_put_the_word_first():
    groups = query_groups("深度学习入门")
    assert [g[0].text for g in groups] == ["深度学习", "入门"]
    assert {t.text for t in groups[0][1:]} == {"深度", "学习"}


def test_whoosh_tokenizer_positions_and_chars():
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in ChineseAnalyzer()("马克思主义", positions=True, chars=True)
    ]
    assert ("马克思", 0, 0, 3) in tokens
    assert ("马克思主义", 0, 0, 5) in tokens


def test_odd_input_never_fails():
    for text in ["", " ", "\\", "(((", "😀🎉", "<script>", "：，。！", "a" * 5000]:
        analyze(text)
