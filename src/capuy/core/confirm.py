"""A confirmation page before an irreversible step, without script (the Content-Security-Policy forbids inline JS).

The step's POST endpoint calls :func:`ask` when the request does not carry ``xac-nhan=1``: instead of acting it
answers with a page that says what will happen (and any warning, such as a meeting below quorum) and repeats
the same POST, every field carried, with the flag set. Cancelling goes back without any change.
"""

from django.shortcuts import render

FLAG = "xac-nhan"


def confirmed(request) -> bool:
    return request.POST.get(FLAG) == "1"


def ask(request, *, title: str, question: str, confirm_label: str, cancel_url: str, facts=(), warning: str = "",
        back_label: str = "Quay lại, không thực hiện"):
    """The page asking to confirm the POST being answered; ``facts`` are lines shown before the buttons."""
    carried = [(key, value) for key, values in request.POST.lists() if key not in ("csrfmiddlewaretoken", FLAG)
               for value in values]
    return render(request, "core/confirm.html", {
        "title": title, "question": question, "facts": list(facts), "warning": warning,
        "confirm_label": confirm_label, "cancel_url": cancel_url, "back_label": back_label,
        "action": request.get_full_path(), "carried": carried, "flag": FLAG,
    })
