"""Demo documents: what the sample conferences produced, a secret resolution, and a resolution to study.

The conferences' minutes, resolutions and notices of conclusions are drafted from their records by
``drafting.draft_from_conference`` (the action the office uses), then issued on the conference day. The
number registers of Quận ủy Tây Hồ and Quận ủy Kiến An are carried over from paper (the documents issued in
the term before capuy), so the resolution of the 17th conference is "Số 12-NQ/QU" (numbers invented).
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from capuy.documents.drafting import draft_from_conference
from capuy.documents.models import Authority, Document, DocumentType, NumberCounter, Secrecy, StudyAssignment

D = datetime.date


def _carry_over(organization, term, symbol, last_number):
    """The register as it stood on paper when capuy took it over (``last_number`` issued in the term)."""
    NumberCounter.objects.update_or_create(
        scope=f"{organization.pk}:{term.pk}:{symbol}",
        defaults={"organization": organization, "term": term, "sequence_key": symbol, "last_number": last_number})


def _issue_conference_documents(conference, day, user=None):
    """Draft the three documents of a closed conference and issue the resolution and the notice."""
    try:
        minutes, resolution, notice = draft_from_conference(conference, user)
    except ValidationError:
        return None
    for document in (minutes, resolution, notice):
        document.issue(user, on=day)
    return resolution, notice


def load(context):
    stdout = context.get("stdout")
    tayho, tayho_term, hang = context["tayho"], context["tayho_term"], context["hang"]
    _carry_over(tayho, tayho_term, "NQ", 11)
    _carry_over(tayho, tayho_term, "TB", 85)
    _carry_over(tayho, tayho_term, "BB", 16)
    _carry_over(context["kienan"], context["kienan_term"], "NQ", 20)
    _carry_over(context["kienan"], context["kienan_term"], "TB", 130)

    made = {}
    for key in ("conference_000", "conference_001", "conference_003"):
        conference = context.get(key)
        if conference is not None and conference.is_closed:
            made[key] = _issue_conference_documents(conference, conference.date)

    nq = DocumentType.objects.get(symbol="NQ")
    secret = Document(doc_type=nq, organization=tayho, title="về công tác cán bộ (tài liệu minh họa)",
                      content="Nội dung minh họa của một nghị quyết mật: chỉ văn phòng và cấp ủy viên Quận ủy xem được.",
                      authority=Authority.STANDING, signer=hang, secrecy=Secrecy.SECRET,
                      recipients="- Các đồng chí Ủy viên Ban Thường vụ,\n- Lưu Văn phòng Quận ủy.")
    secret.full_clean()
    secret.save()
    secret.issue(on=D(2023, 10, 6))

    resolution = (made.get("conference_001") or (None, None))[0]
    if resolution is not None:
        cells = [cell for cell, _people in context["quangan_cells"]]
        assignment = StudyAssignment.assign(
            resolution, cells, timezone.localdate() + datetime.timedelta(days=30), StudyAssignment.Kind.STUDY,
            note="Các chi bộ tổ chức học tập, quán triệt Nghị quyết trong kỳ sinh hoạt chi bộ tháng này.",
            reflection_required=True)
        records = list(assignment.records.select_related("person").order_by("person__sort_key"))
        for record in records[: len(records) // 2]:
            record.mark_read()
        if records:
            records[0].submit_reflection(
                "Nghị quyết xác định rõ nhiệm vụ trọng tâm 3 tháng cuối năm: phát triển kinh tế, thu chi ngân sách, "
                "giải ngân đầu tư công. Bản thân tôi sẽ tuyên truyền, vận động gia đình và khu dân cư chấp hành tốt "
                "chủ trương của Đảng, chính sách pháp luật của Nhà nước.")
        context["study_assignment"] = assignment
    context.update(documents=made, secret_document=secret, tayho_resolution=resolution)
    if stdout is not None:
        count = Document.objects.count()
        stdout.write(f"Văn bản mẫu: {count} văn bản đã ban hành"
                     + (f", trong đó {resolution.number_label} ngày {resolution.issued_on:%d/%m/%Y}." if resolution else "."))
