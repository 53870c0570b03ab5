from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's locale middleware, with Kyrgyz rather than the browser as the default.

    Many phones in Kyrgyzstan are set to Russian or English while their owners
    came for the Kyrgyz portal, so an unprefixed URL goes to the language the
    reader chose on the switcher (remembered in a cookie) or else to Kyrgyz;
    the Accept-Language header is not consulted.
    """

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info)
        if not language:
            cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            supported = {code for code, _name in settings.LANGUAGES}
            language = cookie if cookie in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
