"""Demo conferences: the three sample reports (000, 001, 003), closed, and one upcoming conference.

What the articles state (names, titles, dates, agenda, figures, the substance of speeches) is kept as
written. Invented, for illustration: the date and number of the CQCQ mid-term review (000); the venues and
hours; who presented the reports that the articles do not attribute; attendance and absences; the
comments on the drafts; the whole upcoming conference of the post-2025 ward of Tây Hồ.

Numbering: the samples sit mid-way through their terms, so each body gets a ``NumberingStart`` (how many
conferences it held before capuy) and the sample's number ("lần thứ 17", "lần thứ 21") is computed.
"""

import datetime

from django.utils import timezone

from capuy.conferences.models import (
    AgendaItem,
    Attendance,
    Conference,
    Draft,
    DraftComment,
    Invitation,
    NumberingStart,
    Speech,
    SpeechKind,
)
from capuy.organizations.models import Body

D = datetime.date
K = AgendaItem.Kind


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _bch(term):
    return Body.objects.get(term=term, kind=Body.Kind.EXECUTIVE)


def _conference(body, held_before, **fields):
    NumberingStart.objects.update_or_create(body=body, defaults={"held_before": held_before})
    return Conference.objects.create(body=body, organization=body.organization, term=body.term, **fields)


def _invite(conference, guests=()):
    """Invite the body's members and the guests (person, printed title)."""
    conference.invite_body_members()
    for person, title in guests:
        conference.invite_guest(person, title)
    Invitation.objects.filter(conference=conference).update(
        sent_at=_at(conference.date - datetime.timedelta(days=5), 8), answer=Invitation.Answer.ATTENDING)


def _attend(conference, start, absent=()):
    """Everyone present at ``start`` except ``absent`` = [(person, excused, reason)]."""
    missing = {p.pk: (excused, reason) for p, excused, reason in absent}
    for invitation in conference.invitations.all():
        if invitation.person_id in missing:
            excused, reason = missing[invitation.person_id]
            invitation.answer, invitation.reason = (Invitation.Answer.ABSENT, reason) if excused else (invitation.answer, "")
            invitation.save(update_fields=["answer", "reason"])
            Attendance.objects.create(invitation=invitation, conference=conference, reason=reason,
                                      status=Attendance.Status.EXCUSED if excused else Attendance.Status.UNEXCUSED)
        else:
            Attendance.objects.create(invitation=invitation, conference=conference, status=Attendance.Status.PRESENT,
                                      arrived_at=start - datetime.timedelta(minutes=10),
                                      method=Attendance.Method.STAFF)


def _agenda(conference, start, rows):
    """rows: (kind, title, presenter, presenter_title, minutes, summary)."""
    items, at = [], start
    for order, (kind, title, presenter, presenter_title, minutes, summary) in enumerate(rows, 1):
        item = AgendaItem.objects.create(conference=conference, order=order, kind=kind, title=title,
                                         presenter=presenter, presenter_title=presenter_title,
                                         planned_minutes=minutes, summary=summary, started_at=at,
                                         ended_at=at + datetime.timedelta(minutes=minutes or 10))
        at = item.ended_at
        items.append(item)
    return items


def _speech(conference, item, kind, person, summary, title=""):
    invitation = conference.invitations.get(person=person)
    order = conference.speeches.count() + 1
    return Speech.objects.create(conference=conference, agenda_item=item, kind=kind, speaker=person,
                                 speaker_title=title or invitation.printed_title, summary=summary, order=order,
                                 started_at=item.started_at, ended_at=item.ended_at)


def _close(conference, start, end, conclusion):
    conference.status = Conference.Status.CLOSED
    conference.opened_at, conference.closed_at, conference.conclusion = start, end, conclusion
    conference.save(update_fields=["status", "opened_at", "closed_at", "conclusion"])


def _members(conference):
    return [i.person for i in conference.invitations.filter(role=Invitation.Role.MEMBER).select_related("person")]


# ------------------------------------------------------------------------------------------------------------


def sample_000(context):
    """Hội nghị sơ kết giữa nhiệm kỳ của Đảng bộ các CQCQ quận (date and number invented)."""
    phi, son = context["phi"], context["son"]
    body = _bch(context["cqcq_term"])
    day = D(2017, 12, 22)
    start = _at(day, 8)
    c = _conference(body, 9, kind=Conference.Kind.MID_TERM, date=day, session=Conference.Session.MORNING,
                    start_time=datetime.time(8, 0), reviewed_period="giữa nhiệm kỳ 2015–2020",
                    subject="Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ các CQCQ quận",
                    venue="Hội trường UBND quận (địa điểm minh họa)")
    c.chairs.set([phi])
    _invite(c, [(son, "Phó Bí thư Quận ủy, Chủ tịch UBND quận")])
    members = _members(c)
    _attend(c, start, absent=[(members[-1], True, "Đi công tác")])
    items = _agenda(c, start, [
        (K.OPENING, "Khai mạc hội nghị", phi, "", 10, ""),
        (K.REPORT, "Báo cáo sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ các CQCQ quận", None,
         "Thường trực Đảng ủy các CQCQ quận", 30,
         "Trong nửa nhiệm kỳ qua, dưới sự lãnh đạo của Đảng ủy các CQCQ quận, các đơn vị, phòng ngành trực thuộc "
         "quận đã hoàn thành tốt các nhiệm vụ, góp phần vào sự phát triển chung của quận. Kinh tế quận ngày càng "
         "phát triển ổn định, thu ngân sách luôn hoàn thành vượt chỉ tiêu dự toán giao, nhiều công trình trọng "
         "điểm đã hoàn thành và đưa vào sử dụng; công tác an sinh xã hội, chăm lo thực hiện các chính sách xã hội "
         "được quan tâm chú trọng. Công tác cải cách hành chính, ứng dụng công nghệ thông tin có nhiều chuyển "
         "biến tích cực."),
        (K.DIRECTIONS, "Phát biểu chỉ đạo của đồng chí Phó Bí thư Quận ủy, Chủ tịch UBND quận", son, "", 25, ""),
        (K.CONCLUSION, "Phát biểu kết luận hội nghị", phi, "", 15, ""),
    ])
    _speech(c, items[2], SpeechKind.DIRECTIONS, son,
            "Ghi nhận và đánh giá cao sự đóng góp của cán bộ, đảng viên Đảng bộ các CQCQ quận trong sự phát triển "
            "chung của toàn quận, đặc biệt là công tác thu ngân sách, bảo đảm an ninh chính trị, trật tự an toàn xã "
            "hội, các công trình được khởi công xây dựng. Chỉ ra những hạn chế trong lãnh đạo, chỉ đạo, điều hành ở "
            "các chi bộ, cơ quan trực thuộc, nhấn mạnh công tác CCHC, ứng dụng CNTT, văn thư lưu trữ, phê bình và tự "
            "phê bình. Yêu cầu cán bộ, đảng viên không ngừng nỗ lực, lấy mục tiêu phục vụ nhân dân làm thước đo; quan "
            "tâm giáo dục chính trị tư tưởng, tính tiên phong gương mẫu, công tác quy hoạch cán bộ; tăng cường CCHC, "
            "ứng dụng công nghệ thông tin để bắt kịp xu thế của cuộc cách mạng 4.0.")
    conclusion = (
        "Trong thời gian tới, các đơn vị cần tập trung thực hiện các Đề án phát triển kinh tế – xã hội đã được ban "
        "hành; tăng cường công tác thu hút đầu tư, chỉ đạo thực hiện các dự án đầu tư xây dựng cơ bản; tăng cường "
        "quản lý trật tự xây dựng, trật tự đô thị; thực hiện hiệu quả chủ trương Thành phố 4 an; tăng cường thực "
        "hiện Chỉ thị 29. Lãnh đạo công tác xây dựng chính quyền, đoàn thể, xây dựng đảng trong thời gian tới.")
    _speech(c, items[3], SpeechKind.CONCLUSION, phi, conclusion)
    _close(c, start, start + datetime.timedelta(minutes=90), conclusion)
    return c


def sample_001(context):
    """Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI, sáng 5/10/2023."""
    hang, uyen, reporter = context["hang"], context["uyen"], context["tayho_reporter"]
    body = _bch(context["tayho_term"])
    day = D(2023, 10, 5)
    start = _at(day, 8)
    c = _conference(body, 16, kind=Conference.Kind.NINE_MONTH, date=day, session=Conference.Session.MORNING,
                    start_time=datetime.time(8, 0), reviewed_period="9 tháng năm 2023",
                    subject="Xem xét, cho ý kiến vào kết quả công tác 9 tháng, nhiệm vụ trọng tâm 3 tháng cuối năm 2023",
                    venue="Hội trường Quận ủy Tây Hồ (địa điểm minh họa)")
    c.chairs.set([hang])
    _invite(c)
    members = _members(c)
    deputy = next(m.person for m in body.memberships.select_related("person")
                  if m.role == m.Role.STANDING_DEPUTY)
    _attend(c, start, absent=[(members[-1], True, "Đi học tập trung"), (members[-2], True, "Ốm")])
    items = _agenda(c, start, [
        (K.OPENING, "Khai mạc hội nghị", hang, "", 5, ""),
        (K.REPORT, "Báo cáo kết quả công tác lãnh đạo, chỉ đạo thực hiện nhiệm vụ chính trị 9 tháng, nhiệm vụ "
         "trọng tâm 3 tháng cuối năm 2023", deputy, "", 20,
         "Trong 9 tháng năm 2023, Ban Chấp hành, Ban Thường vụ, Thường trực Quận ủy đã thực hiện nghiêm túc quy chế "
         "làm việc; công tác xây dựng Đảng có hiệu quả như xây dựng chi bộ 4 tốt, đảng viên 4 tốt; tổ chức thành "
         "công Hội thi Bí thư chi bộ kiêm Trưởng ban công tác mặt trận giỏi; 100% sử dụng phần mềm sổ tay đảng viên "
         "điện tử trong sinh hoạt chi bộ. Hoàn thành sơ kết giữa nhiệm kỳ thực hiện nghị quyết Đại hội Đảng các "
         "cấp; chủ đề công tác năm 2023 “Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển” được triển khai; "
         "hoàn thành di dời các phương tiện thủy ở khu vực đầm Bảy ra khỏi hồ Tây."),
        (K.REPORT, "Báo cáo kết quả thực hiện các chỉ tiêu, nhiệm vụ phát triển kinh tế – xã hội 9 tháng năm 2023; "
         "Kế hoạch, nhiệm vụ trọng tâm 3 tháng cuối năm 2023", reporter, "", 20,
         "Giá trị sản xuất công nghiệp ngoài quốc doanh tăng 14%. Doanh thu thương mại, dịch vụ, du lịch tăng 55,8% "
         "so với cùng kỳ năm 2022. Số doanh nghiệp, hộ kinh doanh thành lập mới và quay trở lại hoạt động tăng cao. "
         "Thu, chi ngân sách quận bảo đảm cân đối. Cải cách hành chính và ứng dụng công nghệ thông tin đứng thứ "
         "4/30 quận, huyện toàn thành phố."),
        (K.REPORT, "Báo cáo kết quả thực hiện Kế hoạch đầu tư công 9 tháng và nhiệm vụ, giải pháp trọng tâm để hoàn "
         "thành kế hoạch đầu tư công năm 2023", reporter, "", 15, ""),
        (K.CONTRIBUTIONS, "Thảo luận, tham luận", None, "", 40,
         "Các đại biểu tập trung phân tích những kết quả đạt được, thẳng thắn chỉ rõ những hạn chế, khuyết điểm, "
         "nguyên nhân, đề xuất các giải pháp khắc phục trong thời gian tới."),
        (K.RESPONSES, "Thường trực, Ban Thường vụ Quận ủy tiếp thu, giải trình ý kiến của đại biểu", deputy, "", 15,
         "Thường trực, Ban Thường vụ Quận ủy Tây Hồ đã tiếp thu, giải trình các ý kiến của các đại biểu tham dự Hội nghị."),
        (K.VOTE, "Biểu quyết thông qua nghị quyết hội nghị", hang, "", 10,
         "Ban Chấp hành biểu quyết thông qua nghị quyết hội nghị và giao Ban Thường vụ tiếp tục chỉ đạo hoàn thiện "
         "các văn bản trước khi ban hành và triển khai thực hiện."),
        (K.CONCLUSION, "Phát biểu kết luận hội nghị", hang, "", 20, ""),
    ])
    _speech(c, items[2], SpeechKind.REPORT, reporter, "Báo cáo kết quả nổi bật 9 tháng đầu năm của quận Tây Hồ.")
    _speech(c, items[4], SpeechKind.CONTRIBUTION, uyen,
            "Tham luận tại hội nghị về kết quả công tác của Đảng bộ phường Quảng An.")
    conclusion = (
        "Với tinh thần trách nhiệm cao, sau một buổi sáng làm việc khẩn trương, nghiêm túc và hiệu quả, hội nghị đã "
        "hoàn thành toàn bộ nội dung chương trình đề ra. Đề nghị cán bộ chủ chốt quận đánh giá kết quả việc đăng ký "
        "đảm nhận chỉ đạo giải quyết nhiệm vụ khó khăn, phức tạp thuộc thẩm quyền, trách nhiệm được giao trong năm "
        "2023 và đăng ký nội dung đảm nhiệm năm 2024; tiếp tục đổi mới phương thức lãnh đạo của Đảng; tổ chức học "
        "tập, quán triệt, triển khai các chỉ thị, nghị quyết; tập trung phát triển kinh tế, thu chi ngân sách, phấn "
        "đấu hoàn thành tỷ lệ giải ngân kế hoạch đầu tư công năm 2023; đẩy nhanh giải phóng mặt bằng các dự án "
        "trọng điểm, dự án dân sinh bức xúc; tăng cường quản lý quy hoạch, đô thị, đất đai, bảo vệ môi trường; giữ "
        "vững an ninh chính trị, trật tự an toàn xã hội; xây dựng mô hình công an phường điển hình, kiểu mẫu về an "
        "ninh, trật tự và văn minh đô thị tại 2 phường Phú Thượng và Nhật Tân.")
    _speech(c, items[7], SpeechKind.CONCLUSION, hang, conclusion)
    # The draft resolution went out with the invitation and received comments (invented).
    draft = Draft.objects.create(conference=c, agenda_item=items[6], kind=Draft.Kind.RESOLUTION,
                                 title="Dự thảo Nghị quyết Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận khóa VI",
                                 comment_deadline=D(2023, 10, 3))
    v1 = draft.add_version(
        "# I. Đánh giá kết quả 9 tháng năm 2023\n\nBan Chấp hành Đảng bộ quận thống nhất đánh giá kết quả lãnh đạo, "
        "chỉ đạo thực hiện nhiệm vụ chính trị 9 tháng năm 2023.\n\n# II. Nhiệm vụ trọng tâm 3 tháng cuối năm\n\n"
        "Tập trung phát triển kinh tế, thu chi ngân sách.\n\nĐẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm.")
    v2 = draft.add_version(
        "# I. Đánh giá kết quả 9 tháng năm 2023\n\nBan Chấp hành Đảng bộ quận thống nhất đánh giá kết quả lãnh đạo, "
        "chỉ đạo thực hiện nhiệm vụ chính trị 9 tháng năm 2023.\n\n# II. Nhiệm vụ trọng tâm 3 tháng cuối năm\n\n"
        "Tập trung phát triển kinh tế, thu chi ngân sách, phấn đấu hoàn thành tỷ lệ giải ngân kế hoạch đầu tư công "
        "năm 2023.\n\nĐẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm, dự án dân sinh bức xúc.",
        note="Tiếp thu ý kiến góp ý của các đồng chí Ủy viên Ban Chấp hành")
    DraftComment.objects.create(draft=draft, version=v1, author=uyen, section="II. Nhiệm vụ trọng tâm 3 tháng cuối năm",
                                paragraph=4, quote="Tập trung phát triển kinh tế, thu chi ngân sách.",
                                text="Đề nghị bổ sung chỉ tiêu giải ngân kế hoạch đầu tư công năm 2023.",
                                answer=DraftComment.Answer.ACCEPTED, answer_text="Đã bổ sung vào đoạn 4.",
                                answered_at=_at(D(2023, 10, 4), 9))
    DraftComment.objects.create(draft=draft, version=v1, author=members[5], paragraph=5,
                                section="II. Nhiệm vụ trọng tâm 3 tháng cuối năm",
                                quote="Đẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm.",
                                text="Đề nghị nêu cụ thể tên các dự án trọng điểm.",
                                answer=DraftComment.Answer.EXPLAINED,
                                answer_text="Danh mục dự án đã có trong Kế hoạch đầu tư công; nghị quyết chỉ nêu định hướng.",
                                answered_at=_at(D(2023, 10, 4), 9))
    draft.status, draft.summary_published_at = Draft.Status.CLOSED, _at(D(2023, 10, 4), 16)
    draft.save(update_fields=["status", "summary_published_at"])
    assert v2.number == 2
    _close(c, start, _at(day, 11, 30), conclusion)
    return c


def sample_003(context):
    """Hội nghị lần thứ 21 Quận ủy Kiến An (khóa V), chiều 30/9/2019, chủ trì: đồng chí Trần Văn Khuê."""
    khue = context["khue"]
    body = _bch(context["kienan_term"])
    day = D(2019, 9, 30)
    start = _at(day, 14)
    c = _conference(body, 20, kind=Conference.Kind.NINE_MONTH, date=day, session=Conference.Session.AFTERNOON,
                    start_time=datetime.time(14, 0), reviewed_period="9 tháng năm 2019",
                    subject="Đánh giá kết quả lãnh đạo thực hiện nhiệm vụ 9 tháng, bổ khuyết nhiệm vụ 3 tháng cuối năm 2019",
                    venue="Hội trường Quận ủy Kiến An (địa điểm minh họa)")
    c.chairs.set([khue])
    _invite(c)
    members = _members(c)
    _attend(c, start, absent=[(members[-1], True, "Đi công tác"), (members[-3], False, "")])
    items = _agenda(c, start, [
        (K.OPENING, "Khai mạc hội nghị", khue, "TUV, Bí thư Quận ủy", 5, ""),
        (K.REPORT, "Báo cáo đánh giá kết quả lãnh đạo thực hiện nhiệm vụ 9 tháng, bổ khuyết nhiệm vụ 3 tháng cuối "
         "năm 2019", None, "Ban Thường vụ Quận ủy", 30,
         "9 tháng qua, Quận ủy tập trung cao lãnh đạo, chỉ đạo thực hiện tốt nhiệm vụ chính trị trên địa bàn quận. "
         "Giá trị sản xuất CN-TTCN tăng 9%, tổng mức bán lẻ hàng hóa và doanh thu dịch vụ lưu trú ăn uống tăng "
         "20,3%. Hiệu lực, hiệu quả quản lý nhà nước được tăng cường; an sinh xã hội được chú trọng; các hoạt động "
         "chào mừng 25 năm ngày thành lập quận diễn ra sôi nổi. Quận ủy đã phát hành cuốn Lịch sử Đảng bộ quận Kiến "
         "An (1930 – 2019); thành lập được 01 tổ chức Đảng, 04 tổ chức Công đoàn và 3 tổ chức Đoàn thanh niên theo "
         "tinh thần Nghị quyết 28 của Thành ủy.\n\nHạn chế: thu ngân sách kết quả đạt chưa cao; tiến độ đấu giá "
         "quyền sử dụng đất, thực hiện một số dự án còn chậm; một số phường còn để xảy ra vi phạm trong lĩnh vực "
         "đất đai, trật tự xây dựng; kỷ cương công vụ chưa nghiêm."),
        (K.CONTRIBUTIONS, "Thảo luận", None, "", 40, ""),
        (K.CONCLUSION, "Phát biểu kết luận hội nghị", khue, "TUV, Bí thư Quận ủy", 20, ""),
    ])
    conclusion = (
        "3 tháng cuối năm tập trung cao thực hiện chủ đề năm 2019 của thành phố và quận; tăng cường công tác thu "
        "ngân sách; phối hợp giải phóng mặt bằng và đẩy nhanh tiến độ các dự án đầu tư, xây dựng, dự án đấu giá "
        "quyền sử dụng đất; kiên quyết xử lý nghiêm các vi phạm về đất đai, trật tự xây dựng đô thị, trật tự đường "
        "hè, vệ sinh môi trường; thực hiện có hiệu quả Nghị quyết số 05 và Nghị quyết 32 HĐND thành phố; làm tốt "
        "công tác tuyển quân năm 2020. Triển khai chương trình hành động thực hiện Nghị quyết 45 của Bộ Chính trị "
        "và chương trình hành động số 76 của Ban Thường vụ Thành ủy; chỉ đạo Đại hội các chi, đảng bộ cơ sở và "
        "chuẩn bị Đại hội Đảng bộ quận lần thứ VI, nhiệm kỳ 2020–2025 theo đúng quy định, hướng dẫn, tiến độ.")
    _speech(c, items[3], SpeechKind.CONCLUSION, khue, conclusion, title="TUV, Bí thư Quận ủy")
    _close(c, start, _at(day, 17), conclusion)
    return c


def upcoming(context):
    """An upcoming year-end conference of the ward of Tây Hồ (after 1 July 2025), drafts open for comment."""
    term = context["tayho_ward_term"]
    body = _bch(term)
    day = max(timezone.localdate() + datetime.timedelta(days=14), term.start_date)
    year = day.year if day.month >= 10 else day.year - 1
    c = _conference(body, 5, kind=Conference.Kind.YEAR_END, date=day, session=Conference.Session.MORNING,
                    start_time=datetime.time(8, 0), reviewed_period=f"năm {year}",
                    subject=f"Tổng kết công tác năm {year}, phương hướng, nhiệm vụ năm {year + 1}",
                    venue="Hội trường Đảng ủy phường Tây Hồ")
    secretary = next(m.person for m in body.memberships.select_related("person") if m.role == m.Role.SECRETARY)
    c.chairs.set([secretary])
    c.invite_body_members()
    Invitation.objects.filter(conference=c).update(sent_at=timezone.now())
    c.status = Conference.Status.INVITED
    c.save(update_fields=["status"])
    items = [
        AgendaItem.objects.create(conference=c, order=o, kind=k, title=t, presenter=p, planned_minutes=m)
        for o, k, t, p, m in [
            (1, K.OPENING, "Khai mạc hội nghị", secretary, 5),
            (2, K.REPORT, f"Báo cáo kết quả thực hiện nhiệm vụ năm {year}, phương hướng, nhiệm vụ năm {year + 1}",
             None, 30),
            (3, K.CONTRIBUTIONS, "Thảo luận, tham luận", None, 45),
            (4, K.DRAFT_RESOLUTION, f"Dự thảo Nghị quyết về nhiệm vụ năm {year + 1}", None, 15),
            (5, K.VOTE, "Biểu quyết thông qua nghị quyết", secretary, 10),
            (6, K.CONCLUSION, "Phát biểu kết luận hội nghị", secretary, 15),
        ]
    ]
    report_item, resolution_item = items[1], items[3]
    members = _members(c)
    report = Draft.objects.create(conference=c, agenda_item=report_item, kind=Draft.Kind.REPORT,
                                  title=f"Dự thảo Báo cáo kết quả thực hiện nhiệm vụ năm {year}, phương hướng, "
                                        f"nhiệm vụ năm {year + 1}",
                                  comment_deadline=day - datetime.timedelta(days=3))
    v1 = report.add_version(
        f"# I. Kết quả thực hiện nhiệm vụ năm {year}\n\nNăm {year} là năm đầu tiên phường Tây Hồ hoạt động theo mô "
        "hình chính quyền địa phương hai cấp.\n\nCông tác xây dựng Đảng được chú trọng; 100% chi bộ sử dụng Sổ tay "
        f"đảng viên điện tử.\n\n# II. Phương hướng, nhiệm vụ năm {year + 1}\n\nTiếp tục kiện toàn tổ chức bộ máy.")
    report.add_version(
        f"# I. Kết quả thực hiện nhiệm vụ năm {year}\n\nNăm {year} là năm đầu tiên phường Tây Hồ hoạt động theo mô "
        "hình chính quyền địa phương hai cấp.\n\nCông tác xây dựng Đảng được chú trọng; 100% chi bộ sử dụng Sổ tay "
        f"đảng viên điện tử trong sinh hoạt chi bộ.\n\n# II. Phương hướng, nhiệm vụ năm {year + 1}\n\nTiếp tục kiện "
        "toàn tổ chức bộ máy, nâng cao chất lượng phục vụ người dân.", note="Chỉnh sửa theo ý kiến Ban Thường vụ")
    DraftComment.objects.create(draft=report, version=v1, author=members[3], paragraph=4,
                                section=f"I. Kết quả thực hiện nhiệm vụ năm {year}",
                                quote="Công tác xây dựng Đảng được chú trọng; 100% chi bộ sử dụng Sổ tay đảng viên điện tử.",
                                text="Đề nghị nêu rõ số chi bộ đạt chi bộ 4 tốt.")
    DraftComment.objects.create(draft=report, version=v1, author=members[4], paragraph=6,
                                section=f"II. Phương hướng, nhiệm vụ năm {year + 1}",
                                quote="Tiếp tục kiện toàn tổ chức bộ máy.",
                                text="Bổ sung nhiệm vụ nâng cao chất lượng phục vụ người dân.",
                                answer=DraftComment.Answer.ACCEPTED, answer_text="Đã bổ sung trong phiên bản 2.",
                                answered_at=timezone.now())
    resolution = Draft.objects.create(conference=c, agenda_item=resolution_item, kind=Draft.Kind.RESOLUTION,
                                      title=f"Dự thảo Nghị quyết về nhiệm vụ năm {year + 1}",
                                      comment_deadline=day - datetime.timedelta(days=3))
    resolution.add_version(
        f"# Nhiệm vụ trọng tâm năm {year + 1}\n\nLãnh đạo thực hiện thắng lợi các chỉ tiêu phát triển kinh tế – xã "
        "hội.\n\nNâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức đảng.")
    return c


def load(context):
    conferences = [sample_000(context), sample_001(context), sample_003(context), upcoming(context)]
    context.update(conferences=conferences, conference_000=conferences[0], conference_001=conferences[1],
                   conference_003=conferences[2], conference_upcoming=conferences[3])
