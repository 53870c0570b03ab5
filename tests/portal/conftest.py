import pytest

# The admin search test signs in as the moderation tests' roles.
from tests.moderation.conftest import (  # noqa: F401
    bosteri_draft,
    contributor,
    katran_draft,
    login,
    make_user,
    moderation,
    moderator,
)


@pytest.fixture
def worker_in_test_transaction(monkeypatch):
    """The task worker, run inside a test: it must not close the connection holding the test's transaction.

    Between tasks the worker drops connections past their age, which on
    PostgreSQL would end the transaction every test runs in.
    """
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
