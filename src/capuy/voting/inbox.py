"""What awaits people in the voting app, for the home page (``capuy.core.inbox``): the open electronic votes
and ballots the person may cast now (a seat in the base and present, as ``voting:mine`` lists) and has not
cast yet. Whether the person has voted is read from the register of who voted (``VoterRegister``) or the
named ballots of an open vote, never from a secret ballot, which holds no voter."""

from django.db.models import Exists, OuterRef
from django.urls import reverse

from capuy.core.inbox import PERSONAL, Block, Item, first
from capuy.voting.base import attending_now
from capuy.voting.models import OpenBallot, Vote, VoterRegister


def open_for(person_id):
    """Open electronic votes ``person_id`` may cast now and has not cast (one query)."""
    cast = Exists(VoterRegister.objects.filter(vote=OuterRef("pk"), person_id=person_id)) | Exists(
        OpenBallot.objects.filter(vote=OuterRef("pk"), person_id=person_id))
    return (Vote.objects.filter(status=Vote.Status.OPEN, method__in=(Vote.Method.OPEN, Vote.Method.SECRET),
                                eligible__person_id=person_id)
            .filter(Exists(attending_now(OuterRef("conference_id"), person_id))).exclude(cast))


def blocks(viewer) -> list[Block]:
    if not viewer.person_id:
        return []
    votes = open_for(viewer.person_id)
    count = votes.count()
    if not count:
        return []
    rows = first(votes.select_related("conference").order_by("pk"))
    items = [Item(title=f"{v.subject} ({v.conference.short_title})", url=reverse("voting:ballot", args=[v.pk]),
                  note=f"{v.get_method_display()} – đang mở, đồng chí chưa bỏ phiếu", urgent=True) for v in rows]
    return [Block(key="bieu-quyet", section=PERSONAL, title="Biểu quyết, bỏ phiếu đang mở", items=items,
                  count=count, more_url=reverse("voting:mine"), more_label="Tất cả phiếu đang chờ đồng chí",
                  order=5)]
