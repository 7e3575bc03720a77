import pytest

from tests.factories.stations import DirectorFactory, ExpertFactory, provincial_station


@pytest.fixture
def director(db):
    """The provincial station's director: sees and appoints every station's experts."""
    return DirectorFactory()


@pytest.fixture
def station_expert(db):
    return ExpertFactory(station=provincial_station())
