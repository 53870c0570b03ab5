"""runserver, serving static files through the portal's path checks.

The staticfiles app's runserver answers static requests before any URL
pattern runs, and a path such as `/static/..%2f..%2fetc/passwd` ends there
in a server error; this one answers it with a 404 like the URL patterns do.
"""

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.contrib.staticfiles.management.commands.runserver import Command as StaticRunserverCommand

from portal.static import serve_static


class CheckedStaticFilesHandler(StaticFilesHandler):
    def serve(self, request):
        return serve_static(request, self.file_path(request.path), insecure=True)


class Command(StaticRunserverCommand):
    def get_handler(self, *args, **options):
        handler = super().get_handler(*args, **options)
        if isinstance(handler, StaticFilesHandler):
            return CheckedStaticFilesHandler(handler.application)
        return handler
