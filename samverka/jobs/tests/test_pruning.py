"""Old background work is deleted (`samverka prune-jobs`, daily from deploy/samverka-prune.timer):
finished jobs after 30 days, failed ones after three times as long, queued and running ones
never; a built document's file goes with its job, and the task queue's results go too."""

import datetime
import shlex
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command, get_commands, load_command_class
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samverka.jobs import pruning
from samverka.jobs.models import Job

pytestmark = pytest.mark.django_db

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
Status = Job.Status


def days_ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def job(title: str, status: str, finished_days_ago: float | None, **fields) -> Job:
    fields = {
        "created": days_ago((finished_days_ago or 0) + 1),
        "finished_at": None if finished_days_ago is None else days_ago(finished_days_ago),
    } | fields
    return Job.objects.create(kind=Job.Kind.DOCUMENT, title=title, status=status, **fields)


def task_result(status: str, finished_days_ago: float) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        finished_at=days_ago(finished_days_ago),
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="samverka.jobs.running.run",
        backend_name="default",
        run_after=days_ago(finished_days_ago + 1),
    )


def remaining() -> list[str]:
    return sorted(Job.objects.values_list("title", flat=True))


def test_finished_jobs_go_after_30_days_and_failed_ones_after_90():
    job("klart i går", Status.DONE, 1)
    job("klart för 29 dagar sedan", Status.DONE, 29)
    job("klart för 31 dagar sedan", Status.DONE, 31)
    job("misslyckat för 31 dagar sedan", Status.FAILED, 31)
    job("misslyckat för 89 dagar sedan", Status.FAILED, 89)
    job("misslyckat för 91 dagar sedan", Status.FAILED, 91)
    pruned = pruning.prune()
    assert pruned.jobs == 2
    assert remaining() == [
        "klart för 29 dagar sedan",
        "klart i går",
        "misslyckat för 31 dagar sedan",
        "misslyckat för 89 dagar sedan",
    ]


def test_queued_and_running_jobs_are_never_deleted_however_old():
    job("i kö sedan länge", Status.QUEUED, None, created=days_ago(400))
    job("fastnat", Status.RUNNING, None, started_at=days_ago(400), created=days_ago(400))
    assert pruning.prune().jobs == 0
    assert remaining() == ["fastnat", "i kö sedan länge"]


def test_a_built_documents_file_is_deleted_with_its_job(django_capture_on_commit_callbacks):
    old = default_storage.save("jobs/gammal/plan.pdf", ContentFile(b"%PDF gammal"))
    new = default_storage.save("jobs/ny/plan.pdf", ContentFile(b"%PDF ny"))
    job("gammal plan", Status.DONE, 40, result_file=old, result_file_name="plan.pdf")
    job("ny plan", Status.DONE, 2, result_file=new, result_file_name="plan.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        pruned = pruning.prune()
    assert (pruned.jobs, pruned.files) == (1, 1)
    assert not default_storage.exists(old)
    assert default_storage.exists(new)


def test_the_queues_results_go_by_the_same_ages():
    kept_success = task_result("SUCCESSFUL", 10)
    task_result("SUCCESSFUL", 31)
    kept_failure = task_result("FAILED", 31)
    task_result("FAILED", 91)
    waiting = DBTaskResult.objects.create(
        args_kwargs={"args": [2], "kwargs": {}},
        task_path="samverka.jobs.running.run",
        backend_name="default",
        run_after=days_ago(200),
    )
    assert pruning.prune().task_results == 2
    assert set(DBTaskResult.objects.all()) == {kept_success, kept_failure, waiting}


def test_the_command_takes_the_age_in_days_and_says_what_it_deleted(capsys):
    job("klart för 8 dagar sedan", Status.DONE, 8)
    job("misslyckat för 8 dagar sedan", Status.FAILED, 8)
    job("misslyckat för 22 dagar sedan", Status.FAILED, 22)
    task_result("SUCCESSFUL", 8)
    call_command("prune_jobs", "--older-than", "7")
    assert capsys.readouterr().out == (
        "2 bakgrundsjobb (0 filer) och 1 resultat i kön togs bort.\n"
    )
    assert remaining() == ["misslyckat för 8 dagar sedan"]
    call_command("prune_jobs", "--older-than", "7")
    assert capsys.readouterr().out.startswith("0 bakgrundsjobb")


def test_the_command_keeps_failed_jobs_at_least_as_long_as_finished_ones():
    with pytest.raises(CommandError, match="får inte vara kortare än --older-than"):
        call_command("prune_jobs", "--older-than", "30", "--failed-older-than", "7")


@pytest.mark.parametrize("days", ["0", "-3", "en vecka"])
def test_the_command_refuses_an_age_that_is_not_a_positive_number_of_days(days):
    with pytest.raises(CommandError, match="heltal från 1"):
        call_command("prune_jobs", "--older-than", days)


def test_the_example_systemd_unit_runs_the_command_with_arguments_it_accepts():
    unit = (DEPLOY / "samverka-prune.service").read_text()
    exec_starts = [line for line in unit.splitlines() if line.startswith("ExecStart=")]
    commands = [shlex.split(line.removeprefix("ExecStart="))[1] for line in exec_starts]
    assert commands == ["prune-jobs", "purge-uploads"]  # the waiting uploads go too
    assert get_commands()["purge_uploads"] == "samverka.imports"
    program, command, *arguments = shlex.split(exec_starts[0].removeprefix("ExecStart="))
    assert Path(program).name == "samverka" and command == "prune-jobs"
    assert get_commands()["prune_jobs"] == "samverka.jobs"
    parser = load_command_class("samverka.jobs", "prune_jobs").create_parser("samverka", command)
    options = parser.parse_args(arguments)
    failed = options.failed_older_than or options.older_than * pruning.FAILED_TIMES_LONGER
    assert f"finished after {options.older_than} days, failed after {failed})" in unit
    assert "EnvironmentFile=/etc/samverka/samverka.env" in unit  # as samverka.service
    assert "samverka-prune.service" in (DEPLOY / "samverka-prune.timer").read_text()
