"""Search backend settings built from environment variables."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.opensearch import search_backends_from_env


def test_whoosh_when_no_search_url(tmp_path):
    conf = search_backends_from_env({}, default_path=tmp_path / "index")
    assert conf == {
        "default": {
            "BACKEND": "search.backends.whoosh",
            "PATH": str(tmp_path / "index"),
        }
    }


def test_whoosh_path_and_dictionary_overrides(tmp_path):
    conf = search_backends_from_env(
        {"SEARCH_INDEX_PATH": "/srv/index", "SEARCH_USER_DICT": "/srv/dict.txt"},
        default_path=tmp_path,
    )["default"]
    assert conf["PATH"] == "/srv/index"
    assert conf["USER_DICT"] == "/srv/dict.txt"


def test_opensearch_url_with_smartcn_by_default(tmp_path):
    conf = search_backends_from_env(
        {"SEARCH_URL": "opensearch://search:9200"}, default_path=tmp_path
    )["default"]
    assert conf["BACKEND"] == "modelsearch.backends.opensearch2"
    assert conf["URLS"] == ["http://search:9200"]
    assert conf["INDEX_PREFIX"] == "xunjie_"
    analyzers = conf["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]
    assert analyzers["default"] == {"type": "smartcn"}


def test_https_url_keeps_credentials_and_uses_engine_setting(tmp_path):
    conf = search_backends_from_env(
        {
            "SEARCH_URL": "https://user:pw@es.example.com:9200",
            "SEARCH_ENGINE": "elasticsearch8",
            "SEARCH_ANALYZER": "ik",
        },
        default_path=tmp_path,
    )["default"]
    assert conf["BACKEND"] == "modelsearch.backends.elasticsearch8"
    assert conf["URLS"] == ["https://user:pw@es.example.com:9200"]
    analyzers = conf["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]
    assert analyzers["default"]["tokenizer"] == "ik_max_word"
    assert analyzers["default_search"]["tokenizer"] == "ik_smart"


@pytest.mark.parametrize(
    ("url", "backend", "urls"),
    [
        ("elasticsearch8://es:9200", "elasticsearch8", ["http://es:9200"]),
        (
            "opensearch3+https://a:9200,b:9200",
            "opensearch3",
            ["https://a:9200", "https://b:9200"],
        ),
        ("elasticsearch://es:9200", "elasticsearch8", ["http://es:9200"]),
    ],
)
def test_engine_from_scheme(tmp_path, url, backend, urls):
    conf = search_backends_from_env({"SEARCH_URL": url}, default_path=tmp_path)
    assert conf["default"]["BACKEND"] == f"modelsearch.backends.{backend}"
    assert conf["default"]["URLS"] == urls


def test_built_config_is_accepted_by_modelsearch(tmp_path):
    pytest.importorskip("opensearchpy")
    from modelsearch.backends.opensearch2 import SearchBackend

    conf = search_backends_from_env(
        {"SEARCH_URL": "opensearch://localhost:9200"}, default_path=tmp_path
    )["default"]
    params = {k: v for k, v in conf.items() if k != "BACKEND"}
    backend = SearchBackend(params)
    assert backend.settings["settings"]["analysis"]["analyzer"]["default"] == {
        "type": "smartcn"
    }
    assert "edgengram_analyzer" in backend.settings["settings"]["analysis"]["analyzer"]


@pytest.mark.parametrize(
    "env",
    [
        {"SEARCH_URL": "search:9200"},
        {"SEARCH_URL": "solr://search:8983"},
        {"SEARCH_URL": "opensearch://search:9200", "SEARCH_ANALYZER": "jieba"},
        {"SEARCH_URL": "opensearch+ftp://search:9200"},
    ],
)
def test_bad_values_are_configuration_errors(tmp_path, env):
    with pytest.raises(ImproperlyConfigured):
        search_backends_from_env(env, default_path=tmp_path)
