"""A mistyped search engine stops the portal at start-up, naming the engines there are."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from search.checks import check_engine_name
from search.engines import ENGINES, get_engine


def test_a_mistyped_engine_fails_the_system_check_naming_the_engines(settings):
    settings.PORTAL_SEARCH = {"ENGINE": "search.engines.elasticsearch"}
    [error] = check_engine_name(None)
    assert error.id == "search.E003" and error.is_serious()
    assert "'search.engines.elasticsearch' is no search engine" in error.msg
    assert "search.engines.database and search.engines.elastic" in error.msg


def test_manage_py_check_stops_on_a_mistyped_engine(settings):
    settings.PORTAL_SEARCH = {"ENGINE": "elastcsearch"}
    with pytest.raises(SystemCheckError, match="search.E003"):
        call_command("check")


@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_there_is_passes(settings, engine):
    settings.PORTAL_SEARCH = {"ENGINE": engine, "URL": "http://127.0.0.1:9200"}
    assert check_engine_name(None) == []


def test_asking_for_an_unknown_engine_fails_with_the_same_message():
    with pytest.raises(ImproperlyConfigured, match="the engines are search.engines.database and search.engines.elastic"):
        get_engine("search.engines.whoosh")


def test_rebuilding_with_a_mistyped_engine_names_the_engines_there_are():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="search.engines.database and search.engines.elastic"):
        call_command("rebuild_search_index", "--engine", "search.engines.elastik")
