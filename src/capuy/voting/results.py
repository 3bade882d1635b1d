"""Presenting results: the rows of a result table, a sentence for the minutes, CSV."""

import io

from capuy.core import spreadsheets
from capuy.core.vietnamese import number, percent
from capuy.voting.models import Vote


def share(n: int, base: int) -> str:
    """ "95,7%" of the base (one decimal), "" when the base is empty."""
    return percent(round(n * 100 / base, 1)) if base else ""


def summary_rows(vote: Vote) -> list[dict]:
    """Label / count / share-of-base rows of a closed question vote, as the result screen shows them."""
    r = vote.result
    base = r.get("base", vote.base)
    rows = [("Cơ sở tính", base), ("Tán thành", r.get("for", 0)), ("Không tán thành", r.get("against", 0)),
            ("Không biểu quyết", r.get("abstain", 0)), ("Không tham gia biểu quyết", r.get("not_voted", 0))]
    return [{"label": label, "count": n, "share": share(n, base)} for label, n in rows]


def candidate_rows(vote: Vote) -> list[dict]:
    base = vote.result.get("base", vote.base)
    return [{**row, "share_text": share(row["votes"], base)} for row in vote.result.get("candidates", [])]


def minutes_text(vote: Vote) -> str:
    """One paragraph for the conference minutes (biên bản)."""
    r = vote.result
    method = vote.get_method_display().lower()
    if vote.awaiting_tellers:
        return (f"{vote.subject} ({method}): đã kết thúc, số phiếu thu vào {r['ballots']}; "
                f"Ban kiểm phiếu chưa giải mã kết quả.")
    if not vote.is_counted:
        return f"{vote.subject} ({method}): {vote.get_status_display().lower()}."
    base = r["base"]
    if vote.kind == Vote.Kind.QUESTION:
        verdict = "thông qua" if r["passed"] else "không thông qua"
        return (f"{vote.subject} ({method}): cơ sở tính {base} đồng chí; {r['for']} đồng chí tán thành "
                f"(đạt {share(r['for'], base)}), {r['against']} không tán thành, {r['abstain']} không biểu quyết, "
                f"{r['not_voted']} không tham gia biểu quyết. Kết quả: {verdict}.")
    if vote.kind == Vote.Kind.ELECTION:
        elected = [c for c in r["candidates"] if c["elected"]]
        names = ", ".join(f"{c['name']} ({c['votes']} phiếu, {share(c['votes'], base)})" for c in elected) or "không có"
        text = (f"{vote.subject} ({method}): cơ sở tính {base}; số phiếu thu vào {r['ballots']}, hợp lệ {r['valid']}, "
                f"không hợp lệ {r['invalid']}. Trúng cử: {names}.")
        if r.get("revote_among"):
            text += " Có người bằng phiếu ở vị trí cuối cùng: bầu lại giữa những người này."
        elif r.get("unfilled"):
            text += f" Còn thiếu {r['unfilled']} người."
        return text
    parts = [f"{s['name']}: tín nhiệm cao {s['high']}, tín nhiệm {s['confident']}, tín nhiệm thấp {s['low']} "
             f"({share(s['low'], base)})" for s in r.get("subjects", [])]
    return f"{vote.subject} (cơ sở tính {base}): " + "; ".join(parts) + "."


def to_csv(vote: Vote) -> str:
    out = io.StringIO()
    w = spreadsheets.CsvWriter(out)
    w.writerow(["Nội dung", vote.subject])
    w.writerow(["Hình thức", vote.get_method_display()])
    w.writerow(["Cơ sở tính", vote.result.get("base", vote.base)])
    if vote.kind == Vote.Kind.QUESTION:
        w.writerow([])
        w.writerow(["Mục", "Số phiếu", "Tỷ lệ trên cơ sở tính"])
        for row in summary_rows(vote):
            w.writerow([row["label"], row["count"], row["share"]])
        w.writerow(["Kết quả", "Thông qua" if vote.result.get("passed") else "Không thông qua"])
    elif vote.kind == Vote.Kind.ELECTION:
        w.writerow(["Số phiếu thu vào", vote.result.get("ballots", 0)])
        w.writerow(["Hợp lệ", vote.result.get("valid", 0)])
        w.writerow(["Không hợp lệ", vote.result.get("invalid", 0)])
        w.writerow([])
        w.writerow(["Ứng cử viên", "Số phiếu", "Tỷ lệ trên cơ sở tính", "Trúng cử", "Ghi chú"])
        for row in candidate_rows(vote):
            w.writerow([row["name"], row["votes"], row["share_text"], "Có" if row["elected"] else "", row["reason"]])
    else:
        w.writerow([])
        w.writerow(["Người được lấy phiếu", "Chức vụ", "Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp",
                    "Tỷ lệ tín nhiệm thấp", "Kết luận"])
        base = vote.result.get("base", vote.base)
        for s in vote.result.get("subjects", []):
            w.writerow([s["name"], s["position"], s["high"], s["confident"], s["low"], share(s["low"], base), s["rule"]])
    w.writerow([])
    w.writerow(["Quy định áp dụng", vote.result.get("rule", "")])
    return out.getvalue()


__all__ = ["candidate_rows", "minutes_text", "number", "share", "summary_rows", "to_csv"]
