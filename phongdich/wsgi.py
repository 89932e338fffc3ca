import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver
from django.utils import translation

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phongdich.settings")
application = get_wsgi_application()

# Load every view, API schema and translation catalogue now rather than on a worker's first
# request (a second of CPU): under `gunicorn --preload` (make serve) the workers are forked
# with all of it loaded, and a worker replaced after --max-requests answers at once.
get_resolver().url_patterns  # noqa: B018
for code, _name in settings.LANGUAGES:
    translation.activate(code)
translation.deactivate()
