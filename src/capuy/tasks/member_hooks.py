"""What the tasks app adds to the members app's pages (see ``capuy.members.hooks``)."""

from django.urls import reverse

from capuy.tasks.services import evaluation_for


def rating_annex(person, year) -> dict | None:
    """The year-end evaluation of the difficult tasks ``person`` registered, shown beside their rating."""
    evaluation = evaluation_for(person, year)
    if evaluation is None:
        return None
    first = evaluation.registrations[0]
    return {"title": "Nhiệm vụ khó khăn, phức tạp đã đăng ký", "text": evaluation.text,
            "level": evaluation.level or "", "url": reverse("tasks:registration", args=[first.pk])}


def member_page_section(person, user) -> dict | None:
    from capuy.tasks.models import Task

    tasks = list(Task.objects.filter(responsible=person, closed=False).select_related("reported_status",
                                                                                       "lead_organization")[:20])
    if not tasks:
        return None
    return {"title": "Nhiệm vụ tôi phụ trách", "template": "tasks/_member_section.html",
            "context": {"tasks": tasks, "tasks_url": reverse("tasks:index")}, "order": 30}
