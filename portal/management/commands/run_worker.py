import socket

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from portal.worker import requeue_interrupted


class Command(DatabaseWorkerCommand):
    help = (
        "Run the task worker. Tasks this worker id had claimed when it last stopped run again first. "
        "Give each worker of a pool its own --worker-id (default: the host name)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # A stable id, so that the worker finds its own unfinished tasks after a restart.
        parser.set_defaults(worker_id=socket.gethostname()[:63])

    def handle(self, *args, **options):
        requeued = requeue_interrupted(options["worker_id"])
        if requeued:
            self.stderr.write(f"{requeued} interrupted task(s) of worker {options['worker_id']} queued again.")
        super().handle(*args, **options)
