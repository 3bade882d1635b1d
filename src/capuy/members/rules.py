"""The rules of member work, one function each.

Sources: Quy định 366-QĐ/TW (2025) on reviewing and rating party organizations and members; Điều lệ
Đảng (party age); Hướng dẫn of the Ban Tổ chức Trung ương on the Huy hiệu Đảng. The numbers that could
not be confirmed against the current official text are settings in ``RatingRules`` (defaults: 90 / 70 /
50 points, 100% of tasks and 30% beyond requirement for "Hoàn thành xuất sắc nhiệm vụ", excellent ≤ 20%
of the members rated good or better per grassroots organization). The register is ``docs/RULES.md``.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

from capuy.core.vietnamese import number, numeric_date
from capuy.members.models import BADGE_YEARS, LEVEL_RANK, OUT_OF_PARTY, Level, PartyMember, RatingRules

GRASSROOTS_KINDS = ("grassroots", "agencies", "grassroots_cell")


def grassroots_of(organization):
    """The grassroots organization (đảng bộ cơ sở, chi bộ cơ sở) an organization belongs to.

    The quota of Quy định 366-QĐ/TW is counted per grassroots organization; a cell under a partial
    committee belongs to the grassroots committee above. An organization above grassroots level
    counts as its own unit.
    """
    if organization is None:
        return None
    if organization.kind in GRASSROOTS_KINDS:
        return organization
    for ancestor in reversed(list(organization.ancestors())):
        if ancestor.kind in GRASSROOTS_KINDS:
            return ancestor
    return organization


def band_level(score, rules: RatingRules) -> str:
    """The level a 100-point score falls in (Quy định 366-QĐ/TW):
    ≥ 90 Hoàn thành xuất sắc, 70–89 Hoàn thành tốt, 50–69 Hoàn thành, < 50 Không hoàn thành.

    The thresholds are ``RatingRules.excellent_min / good_min / done_min``.
    """
    score = Decimal(str(score))
    if not Decimal(0) <= score <= Decimal(100):
        raise ValidationError("Điểm đánh giá phải trong thang điểm 100 (từ 0 đến 100).")
    if score >= rules.excellent_min:
        return Level.EXCELLENT
    if score >= rules.good_min:
        return Level.GOOD
    if score >= rules.done_min:
        return Level.DONE
    return Level.NOT_DONE


def excellent_conditions_met(all_tasks_done: bool, beyond_share: int, rules: RatingRules) -> bool:
    """The extra conditions for "Hoàn thành xuất sắc nhiệm vụ" besides the score (Quy định 366-QĐ/TW):
    every task done, and at least 30% of them beyond requirement (settings of ``RatingRules``)."""
    if rules.excellent_requires_all_tasks and not all_tasks_done:
        return False
    return (beyond_share or 0) >= rules.excellent_beyond_share_min


def implied_level(score, all_tasks_done: bool, beyond_share: int, rules: RatingRules) -> str:
    """The level a self-rating implies: the score band, with an excellent-band score that misses the
    extra conditions falling to "Hoàn thành tốt nhiệm vụ"."""
    level = band_level(score, rules)
    if level == Level.EXCELLENT and not excellent_conditions_met(all_tasks_done, beyond_share, rules):
        return Level.GOOD
    return level


def band_message(score, level: str, implied: str, rules: RatingRules) -> str:
    return (f"Mức \"{Level(level).label}\" không khớp với {number(score)} điểm: số điểm này (cùng các điều kiện) "
            f"tương ứng mức \"{Level(implied).label}\".")


def check_level_within_band(level: str, score, all_tasks_done: bool, beyond_share: int, rules: RatingRules):
    """Appraisal and decision may keep or lower the level the score implies, never raise it
    (a lower level is how the quota is met); an unknown level is refused."""
    if level not in Level.values:
        raise ValidationError("Mức xếp loại không hợp lệ.")
    if score is None:
        raise ValidationError("Chưa có điểm đánh giá.")
    implied = implied_level(score, all_tasks_done, beyond_share, rules)
    if LEVEL_RANK[level] > LEVEL_RANK[implied]:
        raise ValidationError(band_message(score, level, implied, rules))


def quota_base_phrase(ruleset: RatingRules) -> str:
    """The members the quota is a share of, as the message names them."""
    if ruleset.quota_base == RatingRules.QuotaBase.GOOD_OR_BETTER:
        return "hoàn thành tốt nhiệm vụ trở lên"
    return "hoàn thành tốt nhiệm vụ"


def excellent_allowed(base: int, ruleset: RatingRules) -> int:
    """The most members a grassroots organization may rate "Hoàn thành xuất sắc nhiệm vụ": ⌊p × base⌋.

    Quy định 366-QĐ/TW: the excellent "không vượt quá" (may not exceed) 20% (``quota_percent``) of the
    members rated good in the grassroots organization (tổ chức cơ sở đảng), over the whole campaign. The
    excellent are chosen among the good, so the base is by default the members rated good or better
    (``quota_base``). "Not exceed" bounds the share itself, so the count is rounded down: 10 → 2, 5 → 1,
    4 → 0 (1 of 4 would be 25%), 14 → 2, 15 → 3.
    """
    return base * ruleset.quota_percent // 100


def check_quota(excellent: int, good: int, ruleset: RatingRules, unit_name: str = "", open_good: int = 0):
    """Quota of "Hoàn thành xuất sắc nhiệm vụ" per grassroots organization (Quy định 366-QĐ/TW, a setting).

    ``excellent`` and ``good`` count the decisions of the unit (after the batch being decided); ``open_good``
    counts the ratings of the unit not decided yet that may still be decided good or better. The check is on
    the set of decisions, never on the order they were made in: a decision is refused only when no decisions
    on the remaining members can bring the unit within the quota (so every set within the quota can be
    reached in any order); once every rating of the unit is decided the check is exact. The refusal names
    the rule and the numbers.
    """
    if not ruleset.quota_enabled or excellent == 0:
        return
    if ruleset.quota_base == RatingRules.QuotaBase.GOOD_OR_BETTER:
        base = excellent + good + open_good
    else:
        base = good + open_good
    allowed = excellent_allowed(base, ruleset)
    if excellent > allowed:
        where = f" tại {unit_name}" if unit_name else ""
        pending = f", kể cả {open_good} đảng viên chưa quyết định" if open_good else ""
        phrase, percent = quota_base_phrase(ruleset), ruleset.quota_percent
        raise ValidationError(
            f"Vượt tỷ lệ Hoàn thành xuất sắc nhiệm vụ{where}: {excellent} đảng viên xuất sắc, trong khi tối đa "
            f"{percent}% của {base} đảng viên {phrase}{pending} là {allowed}. (Quy định 366-QĐ/TW: số đảng viên "
            f"Hoàn thành xuất sắc nhiệm vụ không vượt quá {percent}% số đảng viên {phrase} trong tổ chức cơ sở "
            f"đảng.)"
        )


def criteria_passed(criteria_ids, met_ids) -> bool:
    """A member or cell earns a locality title ("chi bộ 4 tốt", "đảng viên 4 tốt") only when it meets
    every criterion of the list (local emulation movements: the criteria are set by each locality)."""
    criteria = set(criteria_ids)
    return bool(criteria) and criteria <= set(met_ids)


# --- Huy hiệu Đảng ---------------------------------------------------------------------------------------

# Batches on 3/2, 19/5, 2/9 and 7/11 (Hướng dẫn 01-HD/TW (2021), section 18), as (month, day).
BADGE_BATCHES = ((2, 3), (5, 19), (9, 2), (11, 7))


def _anniversary(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def previous_batch(batch: datetime.date) -> datetime.date:
    """The badge batch date before ``batch`` (batches fall on 3/2, 19/5, 2/9 and 7/11)."""
    dates = [datetime.date(y, m, d) for y in (batch.year - 1, batch.year) for m, d in BADGE_BATCHES]
    return max(d for d in dates if d < batch)


def membership_milestone(admission: datetime.date, years: int, interruptions) -> datetime.date | None:
    """The day a member reaches ``years`` of party membership (tuổi Đảng).

    Party age counts from the admission date (Điều lệ Đảng: a member made official counts from the
    date of the admission decision) and leaves out the periods outside the party (left, then
    readmitted): each interruption that starts before the milestone pushes it back by its length.
    An interruption that has not ended means the milestone is never reached (None).
    """
    milestone = _anniversary(admission, years)
    for start, end in sorted(interruptions):
        if start >= milestone:
            break
        if end is None:
            return None
        milestone += end - start
    return milestone


def badge_list(batch: datetime.date, members=None) -> list[dict]:
    """Members due the Huy hiệu Đảng at ``batch`` (Hướng dẫn 01-HD/TW (2021), section 18): those whose 30,
    40, 45, 50, … 90-year milestone falls
    after the previous batch date and on or before ``batch`` and who do not hold that badge yet.

    A member who died having reached the milestone is listed as posthumous; a member who left is not
    listed. Each entry: {"member", "years", "milestone", "posthumous"}, ordered by years then name.
    """
    from capuy.members.models import Commendation

    start = previous_batch(batch)
    members = PartyMember.objects.all() if members is None else members
    members = members.exclude(status__in=OUT_OF_PARTY).filter(admission_date__lte=_anniversary(batch, -BADGE_YEARS[0]))
    members = members.select_related("person").prefetch_related("status_changes")
    held = set(Commendation.objects.filter(form=Commendation.Form.BADGE, person__isnull=False)
               .values_list("person_id", "badge_years"))
    out = []
    for member in members:
        gaps = member.interruptions()
        death = member.death_date()
        for years in BADGE_YEARS:
            milestone = membership_milestone(member.admission_date, years, gaps)
            if milestone is None or milestone > batch:
                break
            if death and milestone > death:
                break
            if milestone <= start or (member.person_id, years) in held:
                continue
            out.append({"member": member, "years": years, "milestone": milestone, "posthumous": death is not None})
    out.sort(key=lambda e: (e["years"], e["member"].person.sort_key))
    return out


def badge_batch_label(batch: datetime.date) -> str:
    return f"đợt {batch.day}/{batch.month}/{batch.year} (tính đến ngày {numeric_date(batch)})"
