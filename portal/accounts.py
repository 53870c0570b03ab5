"""Admin accounts start in Kyrgyz, the portal's default language.

Wagtail gives an account without a chosen language the language of the request
in hand: in the admin, the language a visitor last picked on the public site;
in a notification email, the language of whoever caused it. So a moderator who
never chose one would read the admin in one language and the mail in another.
A new account therefore stores Kyrgyz as its choice, which its owner can change
in the account settings; an existing choice is never touched.
"""

from django.conf import settings
from wagtail.users.models import UserProfile


def give_new_account_the_default_language(sender, instance, created, raw=False, **kwargs):
    """post_save of the user model: a new user's profile starts in `LANGUAGE_CODE`."""
    if created and not raw:
        UserProfile.objects.get_or_create(
            user=instance, defaults={"preferred_language": settings.LANGUAGE_CODE}
        )


def default_language_for_new_profile(sender, instance, raw=False, **kwargs):
    """pre_save of UserProfile: a profile made later (an account older than this rule) starts the same way."""
    if not raw and instance._state.adding and not instance.preferred_language:
        instance.preferred_language = settings.LANGUAGE_CODE


def connect_signals():
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_save, pre_save

    post_save.connect(
        give_new_account_the_default_language, sender=get_user_model(), dispatch_uid="portal_account_language"
    )
    pre_save.connect(
        default_language_for_new_profile, sender=UserProfile, dispatch_uid="portal_profile_language"
    )
