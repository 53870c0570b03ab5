import pytest

from search.engines.database import Engine
from tests.search.engines.contract import EngineContract

pytestmark = pytest.mark.django_db


class TestDatabaseEngine(EngineContract):
    @pytest.fixture
    def engine(self):
        engine = Engine({"INDEX_PREFIX": "portal-test"})
        engine.reset()
        return engine
