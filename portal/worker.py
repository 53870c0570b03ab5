"""A worker that stopped mid-task loses nothing: its tasks run again when it comes back.

The database task backend marks a task RUNNING when a worker claims it and
never looks back, so a worker killed by the system (out of memory, a deploy,
a power cut) would leave its task RUNNING for ever. Each worker runs under a
stable id (`run_worker --worker-id`); when it starts, whatever it had claimed
and not finished goes back to the queue. Tasks are written to be safe to run
twice: index updates re-read the pages, mail is sent once per attempt.
"""

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def requeue_interrupted(worker_id):
    """Put back in the queue the tasks `worker_id` claimed and never finished; returns how many."""
    interrupted = [
        result.pk for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("worker_ids")
        if result.worker_ids and result.worker_ids[-1] == worker_id
    ]
    return DBTaskResult.objects.filter(pk__in=interrupted, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None,
    )
