from django.apps import AppConfig


def _mark_emailed(sender, about, **kwargs):
    """A reminder counts as e-mailed only once the mail has been delivered, not when it was queued."""
    from capuy.core.mail import about_id
    from capuy.tasks.models import Notification

    if (pk := about_id("tasks.notification", about)) is not None:
        Notification.objects.filter(pk=pk).update(emailed=True)


class TasksConfig(AppConfig):
    name = "capuy.tasks"
    verbose_name = "Nhiệm vụ"

    def ready(self):
        from capuy.core.mail import mail_delivered

        mail_delivered.connect(_mark_emailed, dispatch_uid="tasks.mark_emailed")
        from capuy.tasks import actions  # noqa: F401 - registers the actions
