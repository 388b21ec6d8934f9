from django.conf import settings
from django.urls import translate_url
from django.utils import translation


def languages(request):
    """Links to this very page in each language, for the language switcher."""
    current = translation.get_language()
    path = request.get_full_path()
    return {
        "language_links": [
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": translate_url(path, code),
                "current": code == current,
            }
            for code, _name in settings.LANGUAGES
        ]
    }
