"""Counts and shares of rating levels per organization and year, as review conferences cite them
("98,5% đảng viên hoàn thành nhiệm vụ trở lên; 15,2% hoàn thành xuất sắc")."""

from collections import defaultdict
from decimal import Decimal

from capuy.members.models import Level, Rating, RatingCampaign


def level_report(root, year: int, subject: str = RatingCampaign.Subject.MEMBERS, period: str = "year") -> list[dict]:
    """Decided levels per organization of ``root``'s subtree for ``year`` (one row per grassroots
    organization, then a total row). Each row: name, total, counts and shares per level."""
    ratings = Rating.objects.filter(
        campaign__year=year, campaign__subject=subject, campaign__period=period, step=Rating.Step.DECIDED,
        unit__path__startswith=root.path,
    ).select_related("unit")
    groups = defaultdict(lambda: defaultdict(int))
    names = {}
    for r in ratings:
        groups[r.unit_id][r.decision_level] += 1
        names[r.unit_id] = (r.unit.path, str(r.unit))
    rows = [_row(names[uid][1], counts) for uid, counts in sorted(groups.items(), key=lambda i: names[i[0]][0])]
    total = defaultdict(int)
    for counts in groups.values():
        for level, n in counts.items():
            total[level] += n
    rows.append(_row(f"Tổng cộng {root}", total, is_total=True))
    return rows


def _row(name, counts, is_total=False):
    total = sum(counts.values())
    levels = []
    for level in Level:
        n = counts.get(level.value, 0)
        share = (Decimal(n) * 100 / total).quantize(Decimal("0.1")) if total else None
        levels.append({"level": level.value, "label": level.label, "count": n, "share": share})
    return {"name": name, "total": total, "levels": levels, "is_total": is_total}
