from tests.moderation.conftest import editor, make_user, moderation, moderator  # noqa: F401
