import pytest


@pytest.mark.django_db
def test_one_openapi_schema_for_the_whole_api(client):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    assert "/api/v3/pages/" in response.json()["paths"]
