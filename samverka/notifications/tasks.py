from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from samverka.notifications.models import Notification


@task()
def deliver(ids: list[int]) -> None:
    """Send the recorded e-mails not sent yet (a second run of the same ids sends nothing)."""
    for notification in Notification.objects.filter(pk__in=ids, sent_at__isnull=True):
        send_mail(notification.subject, notification.body, None, [notification.to])
        Notification.objects.filter(pk=notification.pk).update(sent_at=timezone.now())
