"""What the presiding office is asked before closing a vote (``capuy.core.confirm``)."""

from capuy.core import confirm
from capuy.voting.models import VoterRegister


def ask_close(request, vote):
    facts = []
    if vote.is_electronic:
        voted = VoterRegister.objects.filter(vote=vote).count()
        facts.append(f"Đã bỏ phiếu {voted}/{vote.eligible_count} người được bỏ phiếu; "
                     "người chưa bỏ phiếu sẽ không bỏ phiếu được nữa.")
    facts.append("Kết quả được kiểm và công bố ngay khi kết thúc.")
    return confirm.ask(
        request, title="Xác nhận kết thúc biểu quyết", question=f"Kết thúc biểu quyết “{vote.subject}”?",
        facts=facts, confirm_label="Kết thúc và công bố kết quả", cancel_url=vote.get_absolute_url())
