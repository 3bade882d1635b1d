"""What the office is asked before the conference's irreversible steps (``capuy.core.confirm``)."""

from django.urls import reverse

from capuy.core import confirm
from capuy.core.vietnamese import number


def quorum_lines(conference):
    """The figures shown before opening, and a warning when the meeting is below quorum (e.g. 13/21)."""
    from capuy.conferences.roll import quorum

    q = quorum(conference)
    facts = [f"Có mặt {q.present}/{q.base}; cần ít nhất {q.required} "
             f"({q.fraction.numerator}/{q.fraction.denominator} cơ sở tính) để hội nghị hợp lệ."]
    warning = ""
    if not q.reached:
        warning = (f"Hội nghị chưa đủ số lượng: mới có {q.present}/{q.base} đồng chí có mặt, còn thiếu "
                   f"{number(q.missing)}. Các biểu quyết sẽ không hợp lệ nếu vẫn thiếu.")
    return facts, warning


def ask_open(request, conference):
    facts, warning = quorum_lines(conference)
    return confirm.ask(
        request, title="Xác nhận khai mạc hội nghị",
        question=f"Khai mạc {conference.short_title}? Màn hình chủ tọa và điện thoại đại biểu sẽ chuyển sang "
                 "nội dung đầu tiên của chương trình.",
        facts=facts, warning=warning,
        confirm_label="Vẫn khai mạc khi chưa đủ số lượng" if warning else "Khai mạc",
        cancel_url=reverse("conferences:control", args=[conference.pk]))


def ask_close(request, conference):
    missing = conference.invitations.filter(role="member", attendance__isnull=True).count()
    facts = [f"{missing} đại biểu chưa điểm danh sẽ được ghi vắng mặt."] if missing else []
    facts.append("Các dự thảo đang lấy ý kiến sẽ đóng; kết luận ghi vào biên bản.")
    return confirm.ask(
        request, title="Xác nhận bế mạc hội nghị", question=f"Bế mạc {conference.short_title}?",
        facts=facts, confirm_label="Bế mạc", cancel_url=reverse("conferences:control", args=[conference.pk]))
