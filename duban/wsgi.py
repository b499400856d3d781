import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from duban import home, tasks

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
application = get_wsgi_application()
home.prepare(settings)  # the data folder and static root, on first real use (never at import of the settings)
tasks.use_queue()  # requests hand their notices to `duban worker` (docs/ops.md)
