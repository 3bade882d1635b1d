"""General rules of the report extractor added after the held-out and fresh sets (issue 13, part 3), one table each.

Every case is a sentence of the kind real reports hold, never one report's text: a rule that passes here must hold
for any report written that way.
"""

import pytest

from capuy.conferences import extraction as ex


def record(body: str, url: str | None = None) -> dict:
    return ex.extract_report((f"URL: {url}\n" if url else "") + body)


OPENING = "Sáng 5/7, Đảng ủy xã An Bình tổ chức hội nghị.\n"  # the meeting a figure or task sentence belongs to


def figures(body: str) -> list[tuple]:
    return [(i["value"], i["unit"]) for i in record(OPENING + body)["indicators"]]


def assert_figures(found: list[tuple], present, absent):
    """Every (value, unit) of ``present`` was read as a figure, none of ``absent``."""
    for item in present:
        assert item in found, (item, found)
    for item in absent:
        assert item not in found, (item, found)


# ------------------------------------------------------------------------------------------- dates
@pytest.mark.parametrize(("body", "url", "date"), [
    # a stored page's date marker opening the first paragraph gives the year, never the day
    (" date 2025-08-12 Ngày 12-8, Đảng bộ phường Long Phước tổ chức Đại hội lần thứ I.", None, "2025-08-12"),
    (" date 2020-06 Sáng 11/6, Đại hội đại biểu Đảng bộ xã An Bình lần thứ X đã khai mạc.", None, "2020-06-11"),
    # a review of a year held in the first quarter of the next one
    ("Ngày 21-1, Đảng ủy phường Tân Mỹ tổ chức hội nghị tổng kết nhiệm vụ năm 2025.", None, "2026-01-21"),
    ("Ngày 20-12, Đảng ủy phường Tân Mỹ tổ chức hội nghị tổng kết nhiệm vụ năm 2025.", None, "2025-12-20"),
    # an address holding the very day as yymmdd
    ("Chiều 14-8, Đảng bộ phường Bình An tổ chức Đại hội đại biểu lần thứ I.",
     "https://nld.com.vn/tin-196250814142917013.htm", "2025-08-14"),
    # a document's date is not the meeting's
    ("Tại hội nghị, Đảng ủy quán triệt Nghị quyết 06-NQ/TU ngày 29/12/2022 của Thị ủy.", None, None),
])
def test_the_event_date_comes_from_the_body_and_its_year_from_the_page(body, url, date):
    assert record(body, url)["event_date"] == date


def test_a_period_named_anywhere_gives_the_year_of_a_date_that_has_none():
    got = record("Ngày 14/7, HĐND thị xã Thái Hòa tổ chức kỳ họp thứ 4 khóa III.\nKỳ họp thông qua báo cáo thực hiện "
                 "nhiệm vụ của thị xã 6 tháng đầu năm 2017.")
    assert got["event_date"] == "2017-07-14"


def test_a_metadata_line_gives_no_figure_and_no_date():
    got = record("Tác giả: Thái Văn Dũng .Ngày đăng: 29/06/2022 .Lượt xem: 416 lượt.\n"
                 "Ngày 29/06/2022, Đảng ủy xã Điện Quang tổ chức Hội nghị sơ kết 6 tháng đầu năm 2022.")
    assert got["event_date"] == "2022-06-29"
    assert (416, "lượt") not in [(i["value"], i["unit"]) for i in got["indicators"]]


# ------------------------------------------------------------------------------------------- organization, term
@pytest.mark.parametrize(("body", "url", "organization", "level"), [
    ("Sáng 11/6, tại Hội trường Thành ủy Vũng Tàu, Đại hội đại biểu Đảng bộ Phường 1, TP. Vũng Tàu lần thứ X đã khai "
     "mạc.", None, "Đảng bộ Phường 1", "ward"),
    ("Chiều ngày 03/3/2023, Đảng bộ Trường Dự bị Đại học TP. Hồ Chí Minh đã tổ chức Hội nghị tổng kết công tác Đảng.",
     None, "Đảng bộ Trường Dự bị Đại học TP. Hồ Chí Minh", "agency"),
    ("Ngày 22/10, Quận ủy quận 3 tổ chức Hội nghị lần thứ 18 Ban Chấp hành Đảng bộ Quận khóa XI.", None,
     "Ban Chấp hành Đảng bộ Quận 3", "district"),
    ("Tham dự hội có Đ/c Đàm Quang Trung - Thị uỷ viên, Bí thư Đảng uỷ.\nTrong quý I năm 2024, Đảng ủy đã tập trung "
     "chỉ đạo. Đảng ủy quán triệt Nghị quyết 06-NQ/TU của Thị uỷ và Nghị quyết 53-NQ/ĐU của Đảng uỷ phường Điện "
     "Dương.\nTại hội nghị, các đại biểu đã tham luận.", None, "Đảng ủy phường Điện Dương", "ward"),
    ("Đảng ủy phường trân trọng đón tiếp đ/c Võ Thanh Bình - Thành ủy viên, Chánh thanh tra Thành ủy Thủ Đức đến dự "
     "hội nghị.", None, "Đảng ủy phường", "ward"),
    ("Ngày 28/7, Ban Tuyên giáo Thành ủy TP.HCM tổ chức hội nghị sơ kết công tác tuyên giáo 6 tháng đầu năm 2009.", None,
     "Thành ủy TP.HCM", "province"),
    # the committee its chair leads as Bí thư, the place from the address …
    ("Chủ trì Hội nghị có các đồng chí: Cù Ngọc Cường, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Thành ủy.\nHội nghị đánh "
     "giá kết quả quý I năm 2023.", "https://baobackan.com.vn/hoi-nghi-lan-thu-12-post51091.html", "Thành ủy Bắc Kạn",
     "district"),
    # … unless the address names the committee itself
    ("Chủ trì Hội nghị có các đồng chí: Cù Ngọc Cường, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Thành ủy.\nHội nghị đánh "
     "giá kết quả quý I năm 2023.", "https://baobackan.com.vn/hoi-nghi-ban-chap-hanh-dang-bo-thanh-pho-bac-kan-lan-thu-12-"
     "post51091.html", "Ban Chấp hành Đảng bộ thành phố Bắc Kạn", "district"),
    # the place written after the bare unit word
    ("Ngày 19/7, thị xã Thái Hòa tổ chức Kỳ họp thứ 8, HĐND thị xã khóa II.", None, "HĐND thị xã Thái Hòa", "district"),
])
def test_the_organization_is_the_body_holding_the_meeting(body, url, organization, level):
    got = record(body, url)
    assert (got["organization"], got["level"]) == (organization, level)


@pytest.mark.parametrize(("body", "url", "term", "years"), [
    ("Sáng ngày 14/11/2025, Hội đồng nhân dân (HĐND) xã Mỹ Hòa, khóa XII, nhiệm kỳ 2021 – 2026 tổ chức Kỳ họp thứ 4.",
     None, "khóa XII", "2021-2026"),
    # a post held in the term that ends is not the congress's term
    ("Sáng 11/6, Đại hội đại biểu Đảng bộ Phường 1 lần thứ X, nhiệm kỳ 2020-2025 đã khai mạc. Đồng chí Võ Thanh Mỹ, "
     "Bí thư Đảng ủy Phường 1 khóa IX, nhiệm kỳ 2015-2020 trình bày báo cáo.", None, None, "2020-2025"),
    # the review of the resolution under way names the current term
    ("Sáng ngày 02/8/2023, Đảng ủy xã Sơn Mùa tổ chức Hội nghị sơ kết giữa nhiệm kỳ thực hiện Nghị quyết đại hội Đảng "
     "bộ xã, lần thứ XII, nhiệm kỳ 2020 – 2025.", None, None, "2020-2025"),
    # the address names the term when the body does not
    ("Kỳ họp Chuyên đề – HĐND xã khóa XX đã diễn ra thành công.",
     "https://a.gov.vn/ky-hop-chuyen-de-hdnd-xa-khoa-xx-nhiem-ky-2021-2026?id=1", "khóa XX", "2021-2026"),
    # a term written in digits
    ("Kỳ họp thứ 12 HĐND tỉnh khóa 10, nhiệm kỳ 2021-2026 đã ban hành 15 nghị quyết.", None, "khóa 10", "2021-2026"),
    # a council's bare unit word after its full name
    ("Hội đồng nhân dân huyện Na Hang tổ chức kỳ họp chuyên đề\nNgày 26-5, Hội đồng nhân dân huyện Na Hang tổ chức kỳ "
     "họp chuyên đề HĐND huyện khóa XXI, nhiệm kỳ 2021 - 2026.", None, "khóa XXI", "2021-2026"),
])
def test_the_term_is_the_meetings_own(body, url, term, years):
    got = record(body, url)
    assert (got["term"], got["term_years"]) == (term, years)


def test_a_meetings_number_may_come_from_its_address():
    got = record("Hội nghị đánh giá kết quả quý I năm 2023 của Thành ủy.",
                 "https://a.vn/hoi-nghi-ban-chap-hanh-dang-bo-thanh-pho-lan-thu-12-post1.html")
    assert (got["ordinal"], got["conference_kind"]) == (12, "committee_plenary")


@pytest.mark.parametrize(("body", "kind", "period"), [
    ("Chiều ngày 6/8, Đảng bộ thị trấn Hữu Lũng tổ chức Hội nghị Ban Chấp hành định kỳ tháng 8 năm 2022. Trong 8 tháng "
     "đầu năm 2022 Đảng bộ đã tập trung chỉ đạo.", "other", "tháng 8 năm 2022"),
    ("Quán triệt Chỉ thị 37 và sơ kết tình hình thực hiện Nghị quyết 9 tháng\n13/10/2009\nNgày 7-10-2009, Ban Thường vụ "
     "Huyện uỷ Giồng Trôm tổ chức hội nghị Huyện uỷ lần thứ 18 và sơ kết tình hình thực hiện Nghị quyết 9 tháng đầu năm "
     "2009.", "committee_plenary", "9 tháng đầu năm 2009"),
    # a report on organising a congress is no year review
    ("Sáng 31-12, Ban thường vụ Thành ủy tổ chức hội nghị tổng kết công tác tổ chức, phục vụ đại hội XV Đảng bộ thành "
     "phố.", "other", None),
    ("Tại Đại hội TDTT phường lần thứ X năm 2024 có 300 vận động viên. Tại hội nghị, Đảng ủy phường An Hòa sơ kết quý I "
     "năm 2024.", "periodic_review", "quý I năm 2024"),
])
def test_the_kind_and_period_follow_the_meeting_not_a_loose_mention(body, kind, period):
    got = record(body)
    assert (got["conference_kind"], got["period_reviewed"]) == (kind, period)


# ------------------------------------------------------------------------------------------- indicators
@pytest.mark.parametrize(("body", "present", "absent"), [
    # rates keep what they are counted per; a known unit wins over its shorter prefix
    ("Tại Đại hội, tỷ lệ hộ nghèo giảm bình quân 6,7%/năm; thu nhập bình quân đầu người đạt 19 triệu đồng/người/năm; "
     "bình quân toàn huyện 13,45 tiêu chí/xã.",
     [(6.7, "%/năm"), (19, "triệu đồng/người/năm"), (13.45, "tiêu chí/xã")], [(19, "triệu đồng")]),
    # a baseline is not a result
    ("Tại Đại hội, tỷ lệ hộ nghèo từ trên 54% đầu nhiệm kỳ đến nay giảm xuống còn trên 36%.", [(36, "%")], [(54, "%")]),
    ("Tại Đại hội, năm 2016 toàn phường có 44 hộ nghèo, đến nay còn 3 hộ nghèo.", [(3, "hộ nghèo")], [(44, "hộ nghèo")]),
    # results before a target stay results, the target does not
    ("Tại hội nghị, bình quân toàn huyện 13,45 tiêu chí/xã, phấn đấu đến cuối năm 2 xã về đích nông thôn mới.",
     [(13.45, "tiêu chí/xã")], [(2, "xã về đích")]),
    # a ratio's unit is its noun, a verb ends it; "Chi bộ" counts
    ("Tại hội nghị, có 6/6 thôn giữ chuẩn nông thôn mới; Ủy ban kiểm tra đã kiểm tra 2 Chi bộ, giám sát 2 cá nhân.",
     [(6, "/6 thôn"), (2, "chi bộ"), (2, "cá nhân")], []),
    # one sum written in two units
    ("Tại hội nghị, tổng thu ngân sách nhà nước 563 tỷ 859 triệu đồng.", [(563.859, "tỷ đồng")], [(859, "triệu đồng")]),
    # the size of the place, who attended, a plan and those praised are no results
    ("Tại đại hội, phường có tổng diện tích là 14,82 km, có 35.965 hộ gia đình với 121.382 nhân khẩu.", [],
     [(14.82, "km")]),
    ("Tham dự Đại hội có 226 đại biểu chính thức, đại diện cho 41 chi, đảng bộ trực thuộc, chiếm 20,8% tổng số đảng "
     "viên.", [], [(20.8, "%")]),
    ("Tại hội nghị, Đại hội đảng bộ huyện dự kiến có 250 đại biểu.", [], [(250, "đại biểu")]),
    ("Tại Hội nghị tập thể Chi bộ 1 và cá nhân 04 đồng chí được biểu dương.", [], [(4, "đồng chí")]),
    # an award in one clause hides only that clause
    ("Tại hội nghị, tỷ lệ tham gia BHYT đạt 92,1%; có 36 cá nhân, tập thể được khen thưởng; 3 quần chúng ưu tú tham "
     "gia lớp cảm tình Đảng; xây mới 1.130m bồn trồng.",
     [(92.1, "%"), (3, "quần chúng ưu tú"), (1130, "m")], [(36, "cá nhân")]),
    # a day and month are no ratio
    ("Ngày 14/10 ngày thành lập ngành tổ chức xây dựng đảng.", [], [(14, "/10 ngày thành lập ngành")]),
    # an estimate ("dự toán") is not those who attended ("25 đại biểu dự")
    ("Thu ngân sách ước đạt 38,723 tỷ đồng, đạt 154% dự toán.", [(38.723, "tỷ đồng"), (154, "%")], []),
    # attendance named mid-sentence, targets stated with "đề ra N", "trong đó phấn đấu", "từ … trở lên"
    ("Ngày 22/7, Đại hội khai mạc; tham dự đại hội có 177 đại biểu tiêu biểu.", [], [(177, "đại biểu tiêu biểu")]),
    ("Nhiệm kỳ 2025 - 2030, Đảng bộ xã đề ra 17 chỉ tiêu, 5 nhiệm vụ trọng tâm và 3 khâu đột phá.", [],
     [(17, "chỉ tiêu"), (5, "nhiệm vụ trọng tâm")]),
    ("Nghị quyết đề ra 25 chỉ tiêu, trong đó phấn đấu thu nhập bình quân đầu người đạt 86,4 triệu đồng.", [],
     [(86.4, "triệu đồng")]),
    ("Hàng năm kết nạp mới từ 25 đảng viên trở lên.", [], [(25, "đảng viên")]),
    # a ratio of targets keeps its noun
    ("Năm 2023, 23/27 chỉ tiêu phát triển kinh tế, xã hội đạt và vượt kế hoạch.", [(23, "/27 chỉ tiêu")], []),
    # "tổng số" is a count, "số" alone a document number
    ("Tại hội nghị, Quận ủy đã lãnh đạo phát triển Đảng với tổng số 114 đảng viên mới được kết nạp.",
     [(114, "đảng viên")], []),
])
def test_indicators_are_results_with_their_units(body, present, absent):
    got = figures(body)
    assert_figures(got, present, absent)


def test_a_headline_repeating_a_figure_of_the_body_counts_once():
    got = figures("Tỷ lệ hộ nghèo của xã Khun Há giảm bình quân 6,7%/năm\nĐảng bộ xã Khun Há tổ chức Đại hội. Nhiệm kỳ "
                  "qua, tỷ lệ hộ nghèo giảm bình quân 6,7%/năm.")
    assert got.count((6.7, "%/năm")) == 1


def test_results_listed_after_a_colon_are_results_and_targets_after_one_are_tasks():
    results = record(OPENING + "Tại Đại hội, một số chỉ tiêu cơ bản như: tốc độ tăng trưởng kinh tế bình quân hàng năm đạt 10%; "
                     "đến nay còn 3 hộ nghèo.")
    assert (10, "%") in [(i["value"], i["unit"]) for i in results["indicators"]] and not results["tasks"]
    targets = record(OPENING + "Tại Đại hội, nhiệm kỳ 2020-2025, Đảng bộ xã đặt ra các chỉ tiêu chủ yếu, như: thu nhập bình quân "
                     "đầu người trên 110 triệu đồng/người/năm; tỷ lệ lao động có việc làm qua đào tạo 70%.")
    assert len(targets["tasks"]) == 2 and not targets["indicators"]


# ------------------------------------------------------------------------------------------- tasks
@pytest.mark.parametrize(("body", "task"), [
    ("Tại hội nghị, Đảng ủy xã tổng kết. Phấn đấu xây dựng Xã nông thôn mới kiểu mẫu vào năm 2023.",
     "xây dựng Xã nông thôn mới kiểu mẫu vào năm 2023"),
    ("Tại Đại hội, nhiệm kỳ 2020-2025, Đảng bộ xã sẽ tập trung lãnh đạo thực hiện mục tiêu thu nhập bình quân đạt 51 "
     "triệu đồng/người/năm.", "tập trung lãnh đạo thực hiện mục tiêu thu nhập bình quân đạt 51 triệu đồng/người/năm"),
    ("Tại hội nghị, qua việc phân tích những hạn chế, Đảng bộ đề ra phương hướng, nhiệm vụ, giải pháp để thực hiện "
     "tốt công tác xây dựng Đảng trong năm 2023.", "thực hiện tốt công tác xây dựng Đảng trong năm 2023"),
    # a long list of those asked before the verb, then the list of tasks
    ("Tại hội nghị, đồng chí Lê Ngọc Dũng đề nghị Ủy ban nhân dân, Mặt trận Tổ quốc và các đoàn thể phường; cấp ủy Chi "
     "bộ, Đảng bộ bộ phận trực thuộc, Chi bộ trực thuộc Đảng bộ bộ phận tập trung các nhiệm vụ trong 6 tháng cuối năm "
     "2023; tập trung công tác tạo nguồn phát triển đảng viên, thành lập Chi bộ Chung cư; quản lý đảng viên.",
     "tập trung công tác tạo nguồn phát triển đảng viên, thành lập Chi bộ Chung cư"),
])
def test_tasks_are_the_directions_set_for_the_period_ahead(body, task):
    assert task in record(OPENING + body)["tasks"]


@pytest.mark.parametrize(("body", "task"), [
    ("Đồng chí nhấn mạnh, năm 2026 là năm quan trọng, đòi hỏi toàn thể cán bộ, đảng viên tiếp tục phát huy tinh thần "
     "đoàn kết, chủ động, sáng tạo, quyết tâm thực hiện thắng lợi các mục tiêu đã đề ra.",
     "tiếp tục phát huy tinh thần đoàn kết"),
    ("Hội nghị yêu cầu các cấp ủy, tổ chức đảng, cơ quan, đơn vị căn cứ chức năng, nhiệm vụ để cụ thể hóa các nội dung "
     "văn bản thành chương trình hành động.",
     "căn cứ chức năng, nhiệm vụ để cụ thể hóa các nội dung văn bản thành chương trình hành động"),
])
def test_a_demand_opens_a_task_at_its_verb_not_at_a_noun(body, task):
    assert task in record(OPENING + body)["tasks"]


def test_results_introduced_by_targets_met_and_tasks_after_a_statement_of_targets():
    got = record(OPENING + "Đảng bộ xã đã đạt và vượt các chỉ tiêu Nghị quyết Đại hội đề ra: Tỷ lệ lao động qua đào tạo "
                 "đạt 70,88%; hộ nghèo giảm còn 6,25%.\nNhiệm kỳ 2025 - 2030, Đảng bộ xã đề ra 17 chỉ tiêu và 3 khâu đột "
                 "phá. Trong đó, tập trung xây dựng đội ngũ cán bộ có phẩm chất chính trị. Tiếp tục cải cách hành chính, "
                 "thực hiện hiệu quả chính quyền điện tử.")
    assert [(i["value"], i["unit"]) for i in got["indicators"]] == [(70.88, "%"), (6.25, "%")]
    assert got["tasks"] == ["tập trung xây dựng đội ngũ cán bộ có phẩm chất chính trị", "Tiếp tục cải cách hành chính",
                            "thực hiện hiệu quả chính quyền điện tử"]


def test_a_resolutions_aims_are_tasks():
    tasks = record(OPENING + "Tại hội nghị, Ban Chấp hành quán triệt Nghị quyết Đại hội, với mục tiêu xây dựng Đảng bộ và hệ "
                   "thống chính trị trong sạch, vững mạnh; phát huy hiệu quả tiềm năng, lợi thế của xã.")["tasks"]
    assert tasks == ["xây dựng Đảng bộ và hệ thống chính trị trong sạch, vững mạnh",
                     "phát huy hiệu quả tiềm năng, lợi thế của xã"]


def test_a_list_of_tasks_goes_on_after_a_connector_and_splits_at_new_verbs():
    tasks = record(OPENING + "Tại hội nghị, Bí thư nhấn mạnh, cần đẩy nhanh giải ngân vốn đầu tư công, tháo gỡ khó khăn cho doanh "
                   "nghiệp, hỗ trợ sản xuất kinh doanh. Cùng với đó, triển khai các hoạt động thi đua chào mừng Đại hội "
                   "lần thứ XIV của Đảng; đồng thời tập trung chăm lo cho người dân dịp Tết Nguyên đán.")["tasks"]
    assert tasks == ["đẩy nhanh giải ngân vốn đầu tư công", "tháo gỡ khó khăn cho doanh nghiệp",
                     "hỗ trợ sản xuất kinh doanh",
                     "triển khai các hoạt động thi đua chào mừng Đại hội lần thứ XIV của Đảng",
                     "tập trung chăm lo cho người dân dịp Tết Nguyên đán"]


@pytest.mark.parametrize("body", [
    # what was done "bên cạnh việc …" is no task
    "Bên cạnh việc tập trung sắp xếp, kiện toàn tổ chức bộ máy, Đảng bộ xã đã lãnh đạo tổ chức thành công Đại hội.",
    # "đạt yêu cầu" is no request
    "Tại hội nghị, các nguồn thu cơ bản đạt yêu cầu, công tác phòng ngừa dịch bệnh không để phát sinh trên địa bàn.",
    # "phấn đấu," in the middle of a task does not open a new one
    "Tại hội nghị, Bí thư yêu cầu cán bộ không ngừng nỗ lực, phấn đấu, vì sự phát triển của quận.",
])
def test_phrases_that_look_like_tasks_are_not_split_off(body):
    # (see the table above)
    tasks = record(OPENING + body)["tasks"]
    assert not any(t.startswith(("không để phát sinh", "vì sự phát triển", "tập trung sắp xếp", "kiện toàn")) for t in tasks)


# ------------------------------------------------------------------------------------------- people and awards
@pytest.mark.parametrize(("body", "awards", "attendees"), [
    ("Tại hội nghị, lãnh đạo huyện trao Huy hiệu 30 năm tuổi Đảng cho các đồng chí: Sùng Mí Thề, Chi bộ Văn phòng UBND "
     "huyện; Tống Đức Bách, Chi bộ UBKT Huyện ủy.",
     [{"recipient": "Sùng Mí Thề", "form": "Huy hiệu 30 năm tuổi Đảng"},
      {"recipient": "Tống Đức Bách", "form": "Huy hiệu 30 năm tuổi Đảng"}], []),
    ("Tại hội nghị, ông Trần Văn Tuấn, Bí thư Thành ủy Bà Rịa đã trao Huy hiệu 30 năm tuổi Đảng cho đảng viên Nguyễn "
     "Tấn Hải.", [{"recipient": "Nguyễn Tấn Hải", "form": "Huy hiệu 30 năm tuổi Đảng"}],
     [{"name": "Trần Văn Tuấn", "titles": ["Bí thư Thành ủy Bà Rịa"]}]),
    ("Tại hội nghị, đồng chí Trần Chí Dũng trao bằng khen đến các tập thể hoàn thành xuất sắc nhiệm vụ năm 2025.",
     [{"recipient": "các tập thể hoàn thành xuất sắc nhiệm vụ năm 2025", "form": "bằng khen"}],
     [{"name": "Trần Chí Dũng", "titles": []}]),
    ("Tại hội nghị, trao Huy hiệu 30, 40, 50 tuổi đảng cho 11 đảng viên.",
     [{"recipient": "11 đảng viên", "form": "Huy hiệu 30, 40, 50 tuổi đảng"}], []),
])
def test_awards_name_their_recipients_who_are_not_attendees(body, awards, attendees):
    got = record(OPENING + body)
    assert (got["awards"], got["attendees"]) == (awards, attendees)


@pytest.mark.parametrize(("body", "people"), [
    # a title joined by a dash to the word before; a name cut before the given name is nobody
    ("Sáng 2/8, Đảng ủy xã An Bình tổ chức Hội nghị. Dự hội nghị có các đồng chí đồng chí Đinh Trọng Yếu, Bí thư Đảng "
     "ủy xã- CT.HĐND xã, đồng chí Đinh Văn\n03/08/2023", [("Đinh Trọng Yếu", ["Bí thư Đảng ủy xã", "CT.HĐND xã"])]),
    # "Bà" after a committee is the start of a place
    ("Sáng 5/7, Đảng ủy phường An Bình tổ chức hội nghị. Bí thư Thành ủy Bà Rịa Trần Văn Tuấn dự hội nghị.",
     [("Trần Văn Tuấn", ["Bí thư Thành ủy Bà Rịa"])]),
    # a title ends where the sentence goes on
    ("Ngày 26-5, HĐND huyện Na Hang tổ chức kỳ họp. HĐND huyện cho thôi làm nhiệm vụ đối với ông Nguyễn Thế Đồi, Phó "
     "Chủ tịch HĐND huyện do cấp có thẩm quyền điều động.", [("Nguyễn Thế Đồi", ["Phó Chủ tịch HĐND huyện"])]),
    # a chair "dưới sự chủ trì, điều hành của"; a rarer surname
    ("Chiều 9/2, dưới sự chủ trì, điều hành của đồng chí Trịnh Việt Hùng, Bí thư Tỉnh ủy, HĐND tỉnh đã tổ chức Kỳ họp "
     "thứ Tám.", [("Trịnh Việt Hùng", ["Bí thư Tỉnh ủy"])]),
    # "chủ trì hội nghị; cùng dự có …" lists no chair
    ("Sáng 31-12, Thành ủy tổ chức hội nghị. Đồng chí Nguyễn Thị Nghĩa - Phó bí thư thường trực Thành ủy chủ trì hội "
     "nghị; cùng dự có đồng chí Nguyễn Đình Bích - Phó chủ tịch HĐND TP.",
     [("Nguyễn Thị Nghĩa", ["Phó bí thư thường trực Thành ủy"]), ("Nguyễn Đình Bích", ["Phó chủ tịch HĐND TP"])]),
    ("Sáng 01/8, Đảng ủy xã Sơn Tây tổ chức Hội nghị. Dự hội nghị có các đồng chí: Bạch Ngọc Thêm, Phó Bí thư, Chủ tịch "
     "UBND xã; ông Dương Đình Văn - nguyên Trưởng Công an thị xã.",
     [("Bạch Ngọc Thêm", ["Phó Bí thư", "Chủ tịch UBND xã"]), ("Dương Đình Văn", ["nguyên Trưởng Công an thị xã"])]),
])
def test_people_are_named_whole_with_their_titles(body, people):
    # (see the table above)
    got = record(body)
    assert [(p["name"], p["titles"]) for p in got["chair"] + got["attendees"]] == people


# ------------------------------------------------------------------------------------------- the sixth round
def test_an_excerpt_that_never_names_the_meeting_is_read_when_its_address_does():
    url = "https://a.vn/hoi-nghi-ban-chap-hanh-dang-bo-huyen-huong-hoa-lan-thu-19-khoa-xvii"
    got = record("Trong 6 tháng đầu năm 2024, Đảng bộ huyện lãnh đạo thực hiện nhiệm vụ; tổng chi ngân sách nhà nước "
                 "là 453.093.071.970 đồng.", url)
    assert (got["ordinal"], got["conference_kind"]) == (19, "committee_plenary")
    assert (453093071970, "đồng") in [(i["value"], i["unit"]) for i in got["indicators"]]
    with pytest.raises(ex.NotAReport):
        record("Trong 6 tháng đầu năm 2024, tổng chi là 45 tỷ đồng.", "https://a.vn/tin-tuc/bai-viet-1")


@pytest.mark.parametrize(("body", "organization", "kind"), [
    ("Ngày 03/02/2025, Phường Phổ Thạnh tổ chức kỷ niệm ngày thành lập Đảng, đồng thời tổ chức họp giao ban đầu năm.",
     "Phường Phổ Thạnh", "other"),
    ("Sáng ngày 20/10/2023, Đảng ủy phường tổ chức Họp mặt kỷ niệm truyền thống các ngành xây dựng Đảng.\nĐồng chí Nguyễn "
     "Thanh Hải - Phó Bí thư, Chủ tịch UBND phường Báo cáo kết quả.", "Đảng ủy phường", "other"),
])
def test_gatherings_and_briefings_are_meetings_of_the_place_that_holds_them(body, organization, kind):
    got = record(body)
    assert (got["organization"], got["conference_kind"]) == (organization, kind)


def test_praise_without_a_count_names_those_praised():
    got = record(OPENING + "Dịp này, Đảng ủy phường biểu dương, khen thưởng các tập thể, cá nhân gương điển hình "
                 "“Dân vận khéo” năm 2023; đây là những tấm gương tiêu biểu.")
    assert got["awards"] == [{"recipient": "các tập thể, cá nhân gương điển hình “Dân vận khéo” năm 2023", "form": None}]



# ------------------------------------------------------------------------------------------- batch 15
@pytest.mark.parametrize(("body", "chairs"), [
    # co-chairs listed after the first under "dưới sự chủ trì của"
    ("Ngày 29-9, dưới sự chủ trì của đồng chí Trần Văn An, Bí thư Tỉnh ủy và các đồng chí: Lê Thị Bình, Phó Bí thư "
     "Tỉnh ủy; Phạm Văn Cường, Phó Bí thư Tỉnh ủy, Hội nghị lần thứ 25 Ban Chấp hành Đảng bộ tỉnh đã được tổ chức.",
     ["Trần Văn An", "Lê Thị Bình", "Phạm Văn Cường"]),
    # those named after the meeting's own verb attend, they do not chair
    ("Ngày 29-9, dưới sự chủ trì của đồng chí Trần Văn An, Bí thư Huyện ủy, Hội nghị Ban Chấp hành Đảng bộ huyện "
     "được tổ chức, có sự tham dự của đồng chí Lê Thị Bình, Phó Bí thư Tỉnh ủy và đồng chí Phạm Văn Cường, Ủy viên "
     "Ban Thường vụ Tỉnh ủy.", ["Trần Văn An"]),
])
def test_co_chairs_listed_under_the_chair_are_chairs(body, chairs):
    assert [p["name"] for p in record(body)["chair"]] == chairs


def test_the_committees_term_is_read_where_the_meeting_is_named_again_with_its_party_committee():
    body = ("Sáng 29-9, Tỉnh ủy tổ chức Hội nghị lần thứ 25 để đánh giá kết quả 9 tháng năm 2023.\n"
            "Hội nghị lần thứ 25 Ban Chấp hành Đảng bộ tỉnh khóa XIX đã được tổ chức tại Hội trường Tỉnh ủy.")
    assert record(body, "https://baothanhhoa.vn/thoi-su/tin.htm")["term"] == "khóa XIX"


@pytest.mark.parametrize(("body", "recipient"), [
    ("Dịp này, Huyện ủy tặng Giấy khen cho 29 tập thể, 72 cá nhân có thành tích xuất sắc trong công tác phục vụ Đại "
     "hội.", "29 tập thể, 72 cá nhân"),
    ("Dịp này, Huyện ủy tặng Giấy khen cho 06 tập thể, 30 đảng viên hoàn thành xuất sắc nhiệm vụ.",
     "06 tập thể, 30 đảng viên hoàn thành xuất sắc nhiệm vụ"),  # what sets one award apart from another stays
])
def test_a_counted_award_names_its_counts_not_the_achievement(body, recipient):
    assert [a["recipient"] for a in record(OPENING + body)["awards"]] == [recipient]


# ------------------------------------------------------------------------------------------- batch 16
@pytest.mark.parametrize(("body", "organization", "level"), [
    # the headline names the congress loosely; the body names it with its organization, in lower case
    ("Đại hội đảng bộ BVĐK nhiệm kỳ 2020-2025\nNgày 10 tháng 01 năm 2020 Bệnh viện Đa khoa tỉnh được Đảng bộ Quận Lê "
     "Chân chọn làm Đại hội điểm của Quận. Đại hội Đảng bộ bệnh viện Đa khoa tỉnh lần thứ XIII đã thành công.",
     "Đảng bộ bệnh viện Đa khoa tỉnh", "agency"),
    # a province's place is a province: after "Tỉnh ủy" a person's name is no place
    ("Ngày 9-4, Ban Thường vụ Tỉnh ủy tổ chức Hội nghị BCH Đảng bộ tỉnh lần thứ 18. Đồng chí Bí thư Tỉnh ủy Hoàng Văn "
     "Minh phát biểu.", "BCH Đảng bộ tỉnh", "province"),
    ("Ngày 9-4, Ban Thường vụ Tỉnh ủy tổ chức Hội nghị BCH Đảng bộ tỉnh lần thứ 18. Tỉnh ủy Tuyên Quang đã lãnh đạo.",
     "BCH Đảng bộ tỉnh Tuyên Quang", "province"),
])
def test_the_organization_is_named_at_the_meeting_and_a_province_is_a_province(body, organization, level):
    got = record(body)
    assert (got["organization"], got["level"]) == (organization, level)


def test_a_caption_naming_the_committee_gives_the_meetings_number():
    body = ("Ngày 5/12, Huyện ủy An Phước tổ chức Hội nghị đánh giá kết quả thực hiện nhiệm vụ năm 2023.\n"
            + "Các nhiệm vụ y tế, giáo dục được thực hiện tốt. " * 14
            + "\nToàn cảnh Hội nghị Ban chấp hành Đảng bộ huyện An Phước lần thứ 19. Ảnh: Q.T")
    got = record(body)
    assert (got["ordinal"], got["conference_kind"]) == (19, "committee_plenary")
    # a meeting cited later without its committee gives no number
    assert record(body.replace("Ban chấp hành Đảng bộ huyện An Phước ", ""))["ordinal"] is None


def test_a_date_is_not_a_period_and_a_mid_term_review_names_its_term():
    got = record("Ngày 10 tháng 01 năm 2020, Đảng bộ xã An Bình tổ chức Đại hội lần thứ XIII, nhiệm kỳ 2020-2025.")
    assert got["period_reviewed"] is None
    got = record("Sáng ngày 19/5/2023, Đảng bộ xã Gio An đã tổ chức Hội nghị sơ kết giữa nhiệm kỳ Đại hội Đảng bộ xã "
                 "lần thứ XIII, nhiệm kỳ 2020 - 2025.")
    assert (got["conference_kind"], got["term_years"]) == ("mid_term_review", "2020-2025")


@pytest.mark.parametrize(("body", "present", "absent"), [
    ("Toàn huyện đã kết nạp 96 đảng viên, nâng tổng số đảng viên lên 2.594 đảng viên./.", [(2594, "đảng viên")],
     [(2594, "đảng")]),
    ("Thu nhập bình quân đầu người đạt 71 triệu đồng/ người/năm.", [(71, "triệu đồng/ người/năm")], []),
    # a share of the votes is the vote, not a result
    ("Đồng chí Bùi Văn An được 99,9% số phiếu bầu giữ chức danh Bí thư Đảng ủy.", [], [(99.9, "%")]),
])
def test_units_read_to_the_end_mark_and_a_share_of_votes_is_no_indicator(body, present, absent):
    got = figures(body)
    assert_figures(got, present, absent)
    if "số phiếu" in body:
        assert record(OPENING + body)["vote_share"] == 99.9


def test_a_speech_passed_on_is_not_its_speakers_attendance():
    got = record("Ngày 9-4, Tỉnh ủy tổ chức Hội nghị. Đồng chí Bí thư Tỉnh ủy Trần Văn An quán triệt, triển khai bài "
                 "phát biểu của đồng chí Tổng Bí thư Nguyễn Phú Trọng tại phiên họp. Đồng chí Lê Thị Bình, Phó Bí thư "
                 "Tỉnh ủy phát biểu.")
    names = [p["name"] for p in got["chair"] + got["attendees"]]
    assert "Nguyễn Phú Trọng" not in names and "Tổng Bí" not in names and "Lê Thị Bình" in names
    got = record("Ngày 9-4, Tỉnh ủy tổ chức Hội nghị. Dự có đồng chí Tổng Bí thư Nguyễn Phú Trọng.")
    assert [(p["name"], p["titles"]) for p in got["attendees"]] == [("Nguyễn Phú Trọng", ["Tổng Bí thư"])]


def test_tasks_drop_a_leading_modal_and_a_caption_and_the_body_name_one_award_once():
    got = record(OPENING + "Hội nghị thông qua nghị quyết với mục tiêu chính: Phấn đấu, đưa tổng giá trị sản xuất các "
                 "ngành đạt 12.984 tỷ đồng; tỷ lệ hộ nghèo giảm 4,5%.")
    assert got["tasks"][0] == "đưa tổng giá trị sản xuất các ngành đạt 12.984 tỷ đồng"
    got = record(OPENING + "Khen thưởng cho các tổ chức cơ sở Đảng hoàn thành xuất sắc nhiệm vụ năm 2025.\nNhân dịp "
                 "này, Đảng bộ xã đã khen thưởng cho các tổ chức, cá nhân hoàn thà")
    assert got["awards"] == [{"recipient": "các tổ chức cơ sở Đảng hoàn thành xuất sắc nhiệm vụ năm 2025", "form": None}]


# ------------------------------------------------------------------------------------------- batch 17
def test_a_full_stop_glued_to_the_next_sentence_still_ends_a_task_and_a_dash_joins_a_title_to_its_name():
    got = record(OPENING + "Đại hội đề ra nhiệm vụ: phát huy vai trò hạt nhân chính trị, tập trung thực hiện nhiệm vụ được "
                 "giao.Với tinh thần dân chủ, các đại biểu đã thảo luận.\nBí thư Thị ủy Hòa Thành -Trần Văn Khải phát biểu "
                 "chỉ đạo Hội nghị.")
    assert any(t.endswith("nhiệm vụ được giao") for t in got["tasks"]) and not any("giao.Với" in t for t in got["tasks"])
    assert [(p["name"], p["titles"]) for p in got["attendees"]] == [("Trần Văn Khải", ["Bí thư Thị ủy Hòa Thành"])]


@pytest.mark.parametrize(("body", "present", "absent", "awards"), [
    # an award in the middle of a list of results hides only itself
    ("Đảng bộ đã kết nạp 13 đảng viên mới, xét và tổ chức trao tặng Huy hiệu Đảng cho 89 đồng chí, đồng thời thành lập "
     "thêm một chi bộ với 7 đảng viên.", [(13, "đảng viên")], [(89, "đồng chí")],
     [{"recipient": "89 đồng chí", "form": "Huy hiệu Đảng"}]),
    # badges given at the meeting, counted with their breakdown
    ("Dịp này, Đảng bộ phường vinh dự có 25 đảng viên được trao tặng huy hiệu Đảng, trong đó 55 năm tuổi đảng có 2 đ/c, "
     "50 năm tuổi đảng có 8 đ/c.", [], [(2, "đ/c"), (8, "đ/c")], [{"recipient": "25 đảng viên", "form": "huy hiệu Đảng"}]),
    # "phát huy hiệu quả" is no badge
    ("Công tác cải cách hành chính được đẩy mạnh, phát huy hiệu quả, đứng thứ 4/30 quận, huyện toàn thành phố.",
     [(4, "/30 quận, huyện")], [], []),
    # the target written beside a result
    ("Tổng giá trị sản xuất so cùng kỳ tăng 11,44% (Nghị quyết tăng 6,5%).", [(11.44, "%")], [(6.5, "%")], []),
    # a cell's number and a name holding a date are no figures
    ("Chi bộ 25 - Trường Mầm non 3/2 tổ chức Đại hội Chi bộ nhiệm kỳ 2022 - 2025.", [], [(3, "/2 tổ chức"), (25, "nghiêm túc")],
     []),
    ("Từ đầu nhiệm kỳ đến nay đã kết nạp được 10 đồng chí đảng viên.", [(10, "đồng chí")], [(10, "đồng chí đảng viên")], []),
])
def test_awards_and_targets_beside_results_hide_only_themselves(body, present, absent, awards):
    got = record(OPENING + body)
    found = [(i["value"], i["unit"]) for i in got["indicators"]]
    assert_figures(found, present, absent)
    assert got["awards"] == awards


def test_the_term_attached_to_the_meetings_number_and_not_the_outgoing_committees():
    got = record("Ngày 23.12, Đảng ủy Quân sự tỉnh đã tổ chức Hội nghị lần thứ 3 (khóa X) để đánh giá công tác năm 2010.",
                 "https://baoquangngai.vn/chinh-tri/2010/12/1234")
    assert (got["term"], got["organization"], got["level"]) == ("khóa X", "Đảng ủy Quân sự tỉnh Quảng Ngãi", "agency")
    got = record("Ngày 13/5, Đại hội đại biểu Đảng bộ huyện An Lão lần thứ VI, nhiệm kỳ 2015-2020 khai mạc. Đại hội thông "
                 "qua Báo cáo kiểm điểm sự lãnh đạo, chỉ đạo của BCH Đảng bộ huyện khóa V. Báo cáo Chính trị của BCH Đảng "
                 "bộ huyện khóa V trình Đại hội.")
    assert got["term"] is None


# ------------------------------------------------------------------------------------------- batch 18
def test_a_date_line_glued_to_the_first_sentence_gives_the_year():
    got = record("BTV Tỉnh ủy hội nghị BCH đảng bộ tỉnh lần thứ 7, nhiệm kỳ 2020-2025\n14/12/2021Ngày 13/12, Ban Thường vụ "
                 "Tỉnh ủy An Giang tổ chức hội nghị Ban chấp hành Đảng bộ tỉnh lần thứ 7, nhiệm kỳ 2020-2025.")
    assert got["event_date"] == "2021-12-13"


@pytest.mark.parametrize(("body", "tasks"), [
    # the new term's aims, at a congress
    ("Ngày 10/8, Đại hội đại biểu Đảng bộ phường An Phú lần thứ Nhất, nhiệm kỳ 2025-2030 khai mạc.\nNhiệm kỳ 2025-2030, "
     "phường An Phú đặt mục tiêu xây dựng phường phát triển toàn diện; là trung tâm đô thị, dịch vụ.",
     ["xây dựng phường phát triển toàn diện", "là trung tâm đô thị, dịch vụ"]),
    # said by someone, mid-sentence, and the list going on in the next sentence
    ("Ngày 10/8, Đại hội đại biểu Đảng bộ phường An Phú lần thứ Nhất, nhiệm kỳ 2025-2030 khai mạc.\nBà Lê Thị Hà, Chủ "
     "tịch UBND phường cho biết giai đoạn 2025-2030, An Phú tập trung xây dựng phường trở thành trung tâm đô thị văn minh."
     " Trong đó, phường tập trung phát triển ba cụm ngành chủ lực.",
     ["tập trung xây dựng phường trở thành trung tâm đô thị văn minh", "tập trung phát triển ba cụm ngành chủ lực"]),
    # the term that ends is a review, and what was built is a result
    ("Ngày 24/6, Đại hội đại biểu Đảng bộ xã An Phú lần thứ XXIV (nhiệm kỳ 2020 - 2025) khai mạc.\nGiai đoạn 2015 - "
     "2020, địa phương huy động hơn 85,6 tỷ đồng xây dựng cơ sở hạ tầng thiết yếu.", []),
    ("Ngày 24/6, Huyện ủy An Phú tổ chức hội nghị lần thứ 10.\nThực hiện đề án giai đoạn 2016-2020, toàn huyện xây dựng "
     "được 58 vườn mẫu.", []),
])
def test_a_new_terms_aims_are_tasks_and_the_past_terms_results_are_not(body, tasks):
    assert record(body)["tasks"] == tasks


# ------------------------------------------------------------------------------------------- batch 19
def test_a_councils_year_end_sitting_its_chairs_after_a_colon_and_its_number_after_dự():
    got = record("Ngày 26/12/2025, Thường trực HĐND xã An Bình khóa VI đã triệu tập đại biểu dự kỳ họp thứ 6 (kỳ họp cuối "
                 "năm).\nTham dự kỳ họp, có ông Lê Văn Tâm - Bí thư Đảng ủy - Chủ tịch HĐND xã; bà Bùi Thị Lý - UVTV, Chủ "
                 "tịch UBMTTQVN xã….cùng đại diện các cơ quan.\nChủ tọa kỳ họp: Ông Lê Văn Tâm - Bí thư Đảng ủy, Chủ tịch "
                 "HĐND xã; ông Nguyễn Hoài Nam - Phó Chủ tịch HĐND xã.\nHội đồng nhân dân xã đã xem xét các báo cáo về "
                 "tình hình hoạt động năm 2025, phương hướng nhiệm vụ năm 2026.")
    assert (got["conference_kind"], got["ordinal"], got["period_reviewed"]) == ("council_session", 6, "năm 2025")
    assert [p["name"] for p in got["chair"]] == ["Lê Văn Tâm", "Nguyễn Hoài Nam"]
    assert [(p["name"], p["titles"]) for p in got["attendees"]] == [("Bùi Thị Lý", ["UVTV", "Chủ tịch UBMTTQVN xã"])]


def test_a_quarter_in_the_older_spelling_and_a_title_before_tới_dự():
    got = record(" date 2023-04 Ban Chấp hành Đảng bộ huyện An Lão vừa tổ chức hội nghị để đánh giá kết quả công tác "
                 "quí I, đề ra nhiệm vụ công tác quí II năm 2023. Đồng chí Phạm Văn Cao, Tỉnh ủy viên, Bí thư Huyện ủy "
                 "tới dự và chủ trì hội nghị.")
    assert (got["conference_kind"], got["period_reviewed"]) == ("periodic_review", "quí I năm 2023")
    assert [(p["name"], p["titles"]) for p in got["chair"]] == [("Phạm Văn Cao", ["Tỉnh ủy viên", "Bí thư Huyện ủy"])]


# ------------------------------------------------------------------------------------------- batches 20 and 21
def test_a_hard_wrapped_paragraph_is_read_as_sentences():
    got = record("(TTX)- Chiều ngày 10/02/2023, Huyện ủy Long Mỹ tổ chức Hội\n"
                 "nghị tổng kết công tác xây dựng Đảng năm 2022, triển khai nhiệm vụ năm\n"
                 "2023. Đồng chí Trần Thị Thu\n"
                 "Hà - Bí thư Huyện ủy, Chủ tịch HĐND huyện; Võ Văn Nam, Phó Bí thư Thường\n"
                 "trực Huyện ủy chủ trì hội nghị.\n")
    assert (got["organization"], got["conference_kind"], got["period_reviewed"]) == (
        "Huyện ủy Long Mỹ", "year_end_review", "năm 2022")
    assert [p["name"] for p in got["chair"]] == ["Trần Thị Thu Hà", "Võ Văn Nam"]


def test_a_paragraph_of_short_lines_is_not_joined():
    got = ex.clean_body("Đảng ủy xã An Bình tổng kết năm 2022\nTác giả: Văn Nam\nNgày 5/1, Đảng ủy xã tổ chức hội nghị.")
    assert got.split("\n")[0] == "Đảng ủy xã An Bình tổng kết năm 2022"


@pytest.mark.parametrize(("body", "url", "organization", "level"), [
    # a site's slogan names a resolution's congress; the body names who holds the meeting
    ("Quyết tâm thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ tỉnh Cao Bằng lần thứ XIX\n"
     "AN LÂM: HỘI NGHỊ TỔNG KẾT CÔNG TÁC ĐẢNG BỘ HUYỆN\n"
     "Ngày 12/01/2023, Huyện ủy An Lâm tổ chức Hội nghị tổng kết công tác năm 2022.", None, "Huyện ủy An Lâm", "district"),
    # an agency's party committee, its province given by the newspaper's address
    ("(BNĐT) Ngày 10 và 11-2, Đảng bộ Văn phòng UBND tỉnh Đại hội lần thứ VIII, nhiệm kỳ 2020-2025.",
     "http://www.baohaiduong.vn/xay-dung-dang/abc", "Đảng bộ Văn phòng UBND tỉnh Hải Dương", "agency"),
    # an excerpt opening with the guests: the address names the congress's committee
    ("Tham dự Đại hội có các đồng chí: Lê Văn An - Bí thư Tỉnh ủy; Trần Văn Bình – Phó Bí thư Tỉnh ủy.\n"
     "Lãnh đạo tỉnh tham dự Đại hội Đại biểu Đảng bộ thành phố Gia Nghĩa lần thứ XII, nhiệm kỳ 2020 - 2025.",
     "http://truyenhinh.vn/tin-tuc/dai-hoi-dai-bieu-dang-bo-thanh-pho-gia-nghia-lan-thu-xii-nhiem-ky-2020-2025-1.html",
     "Đảng bộ thành phố Gia Nghĩa", "district"),
])
def test_the_organization_is_the_one_holding_the_meeting_not_a_slogans_or_a_guests(body, url, organization, level):
    got = record(body, url)
    assert (got["organization"], got["level"]) == (organization, level)


def test_an_excerpt_opening_with_the_guests_is_the_congress_they_attended():
    got = record("Tham dự Đại hội có các đồng chí: Lê Văn An - Bí thư Tỉnh ủy; nguyên lãnh đạo tỉnh.\n"
                 "Lãnh đạo tỉnh tham dự Đại hội Đại biểu Đảng bộ huyện Đăk Mil lần thứ XII, nhiệm kỳ 2020 - 2025.")
    assert (got["conference_kind"], got["ordinal"]) == ("congress", 12)


@pytest.mark.parametrize(("body", "period"), [
    ("Ngày 5/4, Tỉnh ủy tổ chức hội nghị đánh giá nhiệm vụ công tác quý I, triển khai nhiệm vụ quý II/2024.", "quý I/2024"),
    ("Ngày 5/4, Tỉnh ủy tổ chức hội nghị đánh giá kết quả thực hiện Nghị quyết quý I-2023, nhiệm vụ quý II.", "quý I-2023"),
    ("Ngày 5/4, Huyện ủy tổ chức hội nghị đánh giá kết quả quý I, nhiệm vụ quý II năm 2018.", "quý I năm 2018"),
    # a term's years after a quarter are not its year
    ("Ngày 5/4, Huyện ủy tổ chức hội nghị quý I, nhiệm kỳ 2020-2025.", "quý I"),
])
def test_a_quarters_year_is_written_as_the_text_writes_it(body, period):
    assert record(body)["period_reviewed"] == period


@pytest.mark.parametrize(("body", "present", "absent"), [
    ("Trong 20 chỉ tiêu về kinh tế - xã hội có 17 chỉ tiêu đạt và vượt mục tiêu đề ra.", [(17, "/20 chỉ tiêu")],
     [(20, "chỉ tiêu"), (17, "chỉ tiêu")]),
    ("Trong 32 chỉ tiêu cụ thể mà Nghị quyết đề ra có 26 chỉ tiêu vượt và đạt.", [(26, "/32 chỉ tiêu")], [(32, "chỉ tiêu cụ thể")]),
])
def test_so_many_targets_out_of_so_many_is_a_ratio(body, present, absent):
    assert_figures(figures(body), present, absent)


@pytest.mark.parametrize(("body", "term"), [
    # at a congress, the resolution of the term that ends names that term
    ("Sáng 5/6, Đại hội đại biểu Đảng bộ xã Kon Rơ lần thứ IV, nhiệm kỳ 2020 - 2025 khai mạc. Đảng bộ đã thực hiện "
     "thắng lợi Nghị quyết Đại hội Đảng bộ xã khóa III.", None),
    # at a mid-term review, the resolution is of the term under way
    ("Ngày 5/6, Đảng ủy phường An Bình tổ chức hội nghị sơ kết giữa nhiệm kỳ. Hội nghị thảo luận việc điều chỉnh một số "
     "chỉ tiêu trong Nghị quyết Đại hội Đảng bộ phường khóa XII.", "khóa XII"),
    # the post a congress re-elected someone to is of the new term
    ("Ngày 5/6, Đảng bộ Công an tỉnh Long An tổ chức Đại hội lần thứ XII. Đại tá Lê Văn Nam - Giám đốc Công an tỉnh đã tái "
     "đắc cử Bí thư Đảng ủy Công an tỉnh khóa XII (nhiệm kỳ 2020-2025).", "khóa XII"),
])
def test_the_term_of_a_resolution_or_an_election_at_a_congress(body, term):
    assert record(body)["term"] == term


@pytest.mark.parametrize(("body", "name", "titles"), [
    ("Ngày 5/6, Đảng ủy xã An Bình tổ chức hội nghị. Trong đó, Đại tá Vũ Văn Hùng - Bí thư Đảng ủy, Giám đốc Công an tỉnh "
     "phát biểu.", "Vũ Văn Hùng", ["Đại tá", "Bí thư Đảng ủy", "Giám đốc Công an tỉnh"]),
    ("Ngày 5/6, Đảng ủy xã An Bình tổ chức hội nghị. Phó bí thư Thường trực Huyện ủy Bù Gia Mai Văn Tú dự chỉ đạo.",
     "Mai Văn Tú", ["Phó bí thư Thường trực Huyện ủy Bù Gia"]),
])
def test_a_rank_and_a_lower_case_post_before_a_name_are_titles(body, name, titles):
    people = {p["name"]: p["titles"] for p in record(body)["attendees"]}
    assert people[name] == titles


def test_the_author_of_an_article_studied_is_not_an_attendee():
    got = record("Ngày 5/6, Đảng ủy xã An Bình tổ chức hội nghị. Chỉ đạo tổ chức đợt sinh hoạt chính trị về nội dung bài "
                 "viết “Tự hào và tin tưởng dưới lá cờ vẻ vang của Đảng, quyết tâm xây dựng một nước Việt Nam ngày càng "
                 "giàu mạnh, văn minh, văn hiến và anh hùng” của đồng chí Tổng Bí thư Nguyễn Phú Trọng.")
    assert got["attendees"] == []


@pytest.mark.parametrize(("body", "tasks"), [
    ("Nhiệm kỳ 2020-2025, Đại hội đặt ra mục tiêu xây dựng Đảng bộ xã trong sạch, vững mạnh; nâng cao vai trò lãnh đạo "
     "của cấp ủy.", ["xây dựng Đảng bộ xã trong sạch, vững mạnh", "nâng cao vai trò lãnh đạo của cấp ủy"]),
    ("Nhiệm kỳ 2025 – 2027, chi bộ ấp Phú An quyết tâm thực hiện đạt và vượt các chỉ tiêu về phát triển kinh tế - xã hội; "
     "chú trọng công tác xây dựng Đảng, xây dựng chi bộ vững mạnh.",
     ["thực hiện đạt và vượt các chỉ tiêu về phát triển kinh tế - xã hội", "chú trọng công tác xây dựng Đảng, xây dựng chi bộ vững mạnh"]),
])
def test_a_new_terms_aims_set_out_or_resolved_are_tasks(body, tasks):
    assert record("Sáng 5/6, Đảng bộ xã An Bình tổ chức Đại hội lần thứ IV, nhiệm kỳ 2020 - 2025.\n" + body)["tasks"] == tasks


def test_communes_counted_by_what_they_achieved_are_a_result_and_communes_named_are_not():
    found = figures("Thu nhập bình quân đạt 65 triệu đồng/người; có 06 xã đã được công nhận đạt chuẩn nông thôn mới nâng "
                    "cao, 03 xã đã hoàn thiện hồ sơ. Hội nghị trực tuyến tới 13 xã, thị trấn.")
    assert_figures(found, [(6, "xã"), (3, "xã")], [(13, "xã")])


def test_a_former_post_in_lower_case_and_a_bracket_closed_before_the_name_keep_the_titles():
    got = record("Ngày 12/11, HĐND tỉnh Quảng Ngãi tổ chức kỳ họp thứ 6. Tham dự kỳ họp có Ủy viên Trung ương Đảng, nguyên Bí "
                 "thư Tỉnh ủy, nguyên Chủ tịch HĐND tỉnh Kon Tum (cũ) Dương Văn Trang; Phó Bí thư Tỉnh ủy Đinh Thị Hồng Minh.")
    people = {p["name"]: p["titles"] for p in got["attendees"]}
    assert people["Dương Văn Trang"] == ["Ủy viên Trung ương Đảng", "nguyên Bí thư Tỉnh ủy", "nguyên Chủ tịch HĐND tỉnh Kon Tum"]


# ------------------------------------------------------------------------------------------- batches 22 and 23
@pytest.mark.parametrize(("body", "chairs"), [
    ("Ngày 15/7/2019, Ban Chấp hành Đảng bộ Quận khóa XXV tổ chức Hội nghị lần thứ 22 dưới sự chủ trì của các đồng chí: "
     "Nguyễn Văn Nam - Thành ủy viên, Bí thư Quận ủy; Đinh Thị Lan - Phó Bí thư Thường trực Quận ủy.",
     [("Nguyễn Văn Nam", ["Thành ủy viên", "Bí thư Quận ủy"]), ("Đinh Thị Lan", ["Phó Bí thư Thường trực Quận ủy"])]),
    ("Ngày 4/8/2020, HĐND huyện khóa 19 đã tổ chức kỳ họp thứ 13.\nCác đồng chí: Phạm Mai Anh, Chủ tịch HĐND huyện; Lê "
     "Thị Hạnh, Phó Chủ tịch HĐND huyện đồng chủ tọa kỳ họp.",
     [("Phạm Mai Anh", ["Chủ tịch HĐND huyện"]), ("Lê Thị Hạnh", ["Phó Chủ tịch HĐND huyện"])]),
])
def test_chairs_listed_after_của_các_đồng_chí_or_before_đồng_chủ_tọa(body, chairs):
    assert [(p["name"], p["titles"]) for p in record(body)["chair"]] == chairs


def test_a_sittings_period_is_read_in_the_report_after_its_guests():
    guests = " ".join(f"Đồng chí Nguyễn Văn An{i}, Ủy viên Ban Thường vụ Huyện ủy về dự." for i in range(12))
    got = record(f"Ngày 4/8/2020, HĐND huyện Thọ Xuân tổ chức kỳ họp thứ 13.\n{guests}\nĐồng chí Nguyễn Ngọc Thức trình "
                 "bày báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm; nhiệm vụ trọng tâm 6 tháng cuối năm 2020.")
    assert got["period_reviewed"] == "6 tháng đầu năm 2020"


def test_the_icelandic_eth_and_đh_are_read_as_đ_and_đại_hội():
    got = record("(CT)- Hôm nay, ngày 14-7-2020, Ðại hội (ÐH) Ðại biểu Ðảng bộ quận Ninh Kiều chính thức khai mạc.\n"
                 "Theo chương trình, ÐH Ðại biểu Ðảng bộ quận Ninh Kiều lần thứ XII, nhiệm kỳ 2020-2025 làm việc trong hai ngày.")
    assert (got["organization"], got["ordinal"], got["term_years"]) == ("Đảng bộ quận Ninh Kiều", 12, "2020-2025")


def test_the_party_committee_of_a_peoples_committee_is_an_agency_of_its_province():
    got = record("Ngày 11-10, Ban Chấp hành Đảng bộ UBND tỉnh Gia Lai tổ chức Hội nghị lần thứ nhất.")
    assert (got["organization"], got["level"], got["ordinal"]) == ("Đảng bộ UBND tỉnh Gia Lai", "agency", 1)


def test_a_review_named_by_its_verb_in_a_dated_sentence_is_the_meeting():
    got = record("(Báo Quảng Ngãi)- Sáng 14/1, Ban Thường vụ Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh đã tổng kết công tác "
                 "xây dựng Đảng năm 2021 và triển khai nhiệm vụ năm 2022.\n" + "Các tổ chức cơ sở đảng hoàn thành nhiệm vụ. " * 8 +
                 "\nCác chi bộ nâng cao chất lượng sinh hoạt chi bộ, đảng bộ.",
                 "https://baoquangngai.vn/channel/2022/202201/dang-bo-khoi-3099303/")
    assert (got["conference_kind"], got["period_reviewed"], got["event_date"]) == ("year_end_review", "năm 2021", "2022-01-14")


def test_voters_consulted_are_not_the_meetings_vote_share():
    got = record("Ngày 5/12, HĐND phường Hòa Lợi tổ chức kỳ họp thứ tư. Phường đã lấy ý kiến 8.981 cử tri, có 99,24% cử tri "
                 "tán thành chủ trương thành lập thành phố.")
    assert got["vote_share"] is None


@pytest.mark.parametrize(("body", "tasks"), [
    ("Triển khai nhiệm vụ năm 2024, Đảng bộ phường An Bình tiếp tục lãnh đạo, triển khai kịp thời các Chỉ thị của cấp trên; "
     "không ngừng đổi mới nội dung, nâng cao chất lượng công tác.",
     ["tiếp tục lãnh đạo, triển khai kịp thời các Chỉ thị của cấp trên", "không ngừng đổi mới nội dung, nâng cao chất lượng công tác"]),
    ("Nhiệm kỳ 2025-2030, xã An Bình thống nhất thực hiện 26 chỉ tiêu về kinh tế, văn hóa - xã hội, an ninh trật tự, xây "
     "dựng Đảng và hệ thống chính trị.",
     ["thực hiện 26 chỉ tiêu về kinh tế, văn hóa - xã hội, an ninh trật tự, xây dựng Đảng và hệ thống chính trị"]),
    # the quality of cell meetings is a task, not a meeting
    ("Năm 2024, Đảng bộ xã tiếp tục nâng cao chất lượng sinh hoạt chi bộ, quản lý đảng viên.",
     ["tiếp tục nâng cao chất lượng sinh hoạt chi bộ"]),
])
def test_the_next_years_tasks_and_a_list_of_fields_kept_whole(body, tasks):
    assert record("Ngày 5/1, Đảng ủy xã An Bình tổ chức hội nghị tổng kết năm 2023.\n" + body)["tasks"] == tasks


@pytest.mark.parametrize(("body", "url", "organization"), [
    # the text never names the commune; its chair is a district committee member, not the district
    ("Chủ trì hội nghị: Nguyễn Minh Hải, Huyện ủy viên, Bí thư Đảng ủy; đồng chí Nguyễn Văn Đen, Phó Bí thư Thường trực "
     "Đảng ủy, Chủ tịch HĐND xã.", "http://phutan.camau.dcs.vn/xa-phu-my-to-chuc-hoi-nghi-ban-chap-hanh-dang-bo-mo-rong-"
     "so-ket-thang-8-nam-2020.829", "Đảng bộ xã Phú Mỹ"),
    # the text spells the place the address gives without marks
    ("Đảng ủy xã Xuân Định họp bàn nhiệm vụ. Hội nghị do đồng chí Lê Văn An, Bí thư Đảng ủy chủ trì.",
     "http://a.vn/xa-xuan-dinh-to-chuc-hoi-nghi-so-ket-6-thang.html", "Đảng ủy xã Xuân Định"),
])
def test_a_place_opening_the_address_holds_the_meeting(body, url, organization):
    assert record(body, url)["organization"] == organization


# ------------------------------------------------------------------------------------------- batches 24 and 25
@pytest.mark.parametrize(("body", "url", "date"), [
    # a resolution's own date in the headline is not the meeting's
    ("TỔNG KẾT NGHỊ QUYẾT SỐ 18-NQ/TW NGÀY 25/10/2017 CỦA BAN CHẤP HÀNH TRUNG ƯƠNG\nSáng ngày 19/9/2025, Đảng ủy xã "
     "Tịnh Khê tổ chức Hội nghị sơ kết công tác Đảng 9 tháng.", None, "2025-09-19"),
    # a later sitting of a term: the term's years in the address do not give the year
    ("Chiều nay 24/3, HĐND thành phố Hà Tĩnh khóa XXI tổ chức kỳ họp thứ 22.",
     "https://vietnam.vn/hatinh/ky-hop-thu-22-hdnd-thanh-pho-khoa-xxi-nhiem-ky-2021-2026", "24/3"),
    # … but they date the congress that opens it, and the first sitting
    ("Chiều 24/3, Đại hội Đảng bộ phường An Bình lần thứ XV khai mạc.",
     "https://example.vn/dai-hoi-dang-bo-phuong-an-binh-nhiem-ky-2020-2025", "2020-03-24"),
    ("Ngày 9/6, Thường trực HĐND huyện họp thống nhất nội dung kỳ họp thứ nhất.",
     "https://example.vn/hop-noi-dung-ky-hop-thu-nhat-hdnd-huyen-khoa-xx-nhiem-ky-2021-2026", "2021-06-09"),
    # the same days named again with their year: "từ ngày 14 đến 16 tháng 10 năm 2020"
    ("Chiều ngày 14/10, Đại hội Đại biểu Đảng bộ tỉnh Hà Tĩnh lần thứ XIX tiến hành phiên trù bị.\nĐại hội diễn ra "
     "từ ngày 14 đến 16/10/2020.", None, "2020-10-14"),
])
def test_the_meetings_year_is_not_a_documents_nor_a_later_terms(body, url, date):
    assert record(body, url)["event_date"] == date


@pytest.mark.parametrize(("body", "people"), [
    ("Ngày 5/12, Đại hội Chi bộ trường Thanh Mỹ lần thứ VI. Tham dự có ông Trần Quang Liêm - Ủy viên Ban chấp hành và "
     "Chánh văn phòng Đảng ủy khối.", [("Trần Quang Liêm", ["Ủy viên Ban chấp hành", "Chánh văn phòng Đảng ủy khối"])]),
    ("Ngày 5/12, Đại hội Chi bộ trường Thanh Mỹ lần thứ VI. Đồng chí Võ Hồng Hằng- Bí thư chi bộ và đồng chí Lê Thị Thơm "
     "– Phó Bí thư chi bộ đã trình bày báo cáo.",
     [("Võ Hồng Hằng", ["Bí thư chi bộ"]), ("Lê Thị Thơm", ["Phó Bí thư chi bộ"])]),
])
def test_two_posts_joined_by_và_and_the_next_person_after_và(body, people):
    assert [(p["name"], p["titles"]) for p in record(body)["attendees"]] == people


@pytest.mark.parametrize(("body", "chairs"), [
    ("Ngày 7/4, Đảng ủy thị trấn Thường Xuân tổ chức hội nghị sơ kết quý 1. Chủ trì hội nghị đồng chí Lương Thị Thanh "
     "Phó bí thư đảng ủy, Chủ tịch HĐND, đồng chí Hà Huy Hiền Phó bí thư Đảng ủy thị trấn.",
     [("Lương Thị Thanh", ["Phó bí thư đảng ủy", "Chủ tịch HĐND"]), ("Hà Huy Hiền", ["Phó bí thư Đảng ủy thị trấn"])]),
    ("Ngày 14/3, HĐND TP Đà Lạt tổ chức kỳ họp lần thứ 8, dưới sự chủ trì của ông Đặng Quang Tú – Chủ tịch HĐND TP Đà "
     "Lạt và ông Nguyễn Văn Tới – Phó Chủ tịch HĐND thành phố.",
     [("Đặng Quang Tú", ["Chủ tịch HĐND TP Đà Lạt"]), ("Nguyễn Văn Tới", ["Phó Chủ tịch HĐND thành phố"])]),
])
def test_chairs_named_before_their_titles_without_a_comma_and_joined_by_và_ông(body, chairs):
    assert [(p["name"], p["titles"]) for p in record(body)["chair"]] == chairs


@pytest.mark.parametrize(("body", "tasks"), [
    ("Đại hội thông qua nghị quyết nhiệm kỳ mới với một số chỉ tiêu chủ yếu thương mại - dịch vụ tăng bình quân hằng năm "
     "10-12%; thu ngân sách tăng bình quân hằng năm 5-10%; hộ gia đình đạt tiêu chuẩn văn hóa 85% trở lên.",
     ["thương mại - dịch vụ tăng bình quân hằng năm 10-12%", "thu ngân sách tăng bình quân hằng năm 5-10%",
      "hộ gia đình đạt tiêu chuẩn văn hóa 85% trở lên"]),
    ("Kỳ họp thông qua Nghị quyết về nhiệm vụ 6 tháng cuối năm 2025 với 20 chỉ tiêu chủ yếu là: Thu nhập bình quân đầu "
     "người đạt 72 triệu; tỷ lệ lao động qua đào tạo đạt 81%.",
     ["Thu nhập bình quân đầu người đạt 72 triệu", "tỷ lệ lao động qua đào tạo đạt 81%"]),
])
def test_a_list_of_targets_ahead_is_tasks_not_results(body, tasks):
    got = record("Ngày 8/8, Đảng bộ phường An Bình tổ chức Đại hội lần thứ XV.\n" + body)
    assert (got["tasks"], got["indicators"]) == (tasks, [])


def test_a_council_written_with_a_capital_n_owns_its_term_and_a_party_committee_its_congress():
    got = record("Chiều 8/8, Hội đồng Nhân dân xã Quảng Bình khóa XXI, nhiệm kỳ 2021 – 2026 đã tổ chức kỳ họp thứ 2.")
    assert got["term"] == "khóa XXI"
    got = record("ĐẠI HỘI ĐẢNG BỘ BỆNH VIỆN DA LIỄU NHIỆM KỲ 2020-2025\nNgày 29 tháng 05, Ban Thường vụ Đảng ủy Khối đã "
                 "chỉ đạo việc tổ chức Đại hội lần thứ XVI của Đảng bộ Bệnh viện Da liễu, nhiệm kỳ 2020-2025.")
    assert got["ordinal"] == 16


# ------------------------------------------------------------------------------------------- batch 26
def test_an_agency_named_by_its_fields_keeps_its_commas_in_the_organization_and_the_title():
    got = record("Chiều ngày 25/5/2015, Đại hội Đảng bộ Sở Văn hóa, Thể thao và Du lịch tỉnh Kon Tum lần thứ IX, nhiệm kỳ "
                 "2015 - 2020 đã tiến hành phiên trù bị. Đồng chí Bùi Thị Thanh Vân, Tỉnh ủy viên, Bí thư Đảng bộ, Giám "
                 "đốc Sở Văn hóa, Thể thao và Du lịch chủ trì phiên họp. Báo cáo cơ cấu của Ban Chấp hành khóa X, "
                 "nhiệm kỳ 2015 - 2020.")
    assert got["organization"] == "Đảng bộ Sở Văn hóa, Thể thao và Du lịch tỉnh Kon Tum"
    assert (got["conference_kind"], got["ordinal"]) == ("congress", 9)  # "Thể thao" is not a sports congress here
    assert got["term"] == "khóa X"  # the committee to be elected, named without its organization
    assert got["chair"][0]["titles"] == ["Tỉnh ủy viên", "Bí thư Đảng bộ", "Giám đốc Sở Văn hóa, Thể thao và Du lịch"]


@pytest.mark.parametrize(("body", "org"), [
    ("Ngày 2/3, Đảng ủy Sở Nội vụ, UBND tỉnh và các ngành tổ chức Hội nghị tổng kết năm 2024.", "Đảng ủy Sở Nội vụ"),
    ("Ngày 2/3, Đại hội đảng bộ các cấp tiến tới Đại hội XIV. Đảng bộ xã Tân An tổ chức Đại hội lần thứ II.",
     "Đảng bộ xã Tân An"),
])
def test_a_comma_that_lists_other_bodies_still_ends_the_name(body, org):
    assert record(body)["organization"] == org


def test_a_reserve_member_of_the_central_committee_keeps_the_whole_title_and_the_term_follows_the_ordinal():
    got = record("Chủ trì hội nghị có các đồng chí: Nguyễn Phi Long - Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng, "
                 "Bí thư Tỉnh ủy Hòa Bình.\nNgày 10/4, Tỉnh ủy Hòa Bình tổ chức Hội nghị Ban Chấp hành Đảng bộ tỉnh "
                 "lần thứ 20, khóa XVII, nhiệm kỳ 2020 - 2025.")
    assert got["chair"][0]["titles"] == ["Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng", "Bí thư Tỉnh ủy Hòa Bình"]
    assert got["term"] == "khóa XVII"


def test_a_headline_in_capitals_gives_the_year_of_its_period():
    got = record("ĐẢNG BỘ XÃ TÂN TÚ TỔ CHỨC HỘI NGHỊ SƠ KẾT 6 THÁNG ĐẦU NĂM, NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2024\n"
                 "Ngày 21/6/2024, Đảng bộ xã Tân Tú tổ chức Hội nghị Sơ kết 6 tháng đầu năm.")
    assert got["period_reviewed"] == "6 tháng đầu năm 2024"


def test_the_focus_named_with_là_opens_the_tasks_and_the_next_sentences_go_on():
    got = record("Ngày 12/7/2024, BCH Đảng bộ huyện Gia Bình tổ chức Hội nghị lần thứ 18.\nNhiệm vụ trọng tâm 6 tháng "
                 "cuối năm là chỉ đạo các địa phương khẩn trương gieo cấy hết diện tích vụ mùa năm 2024. Chủ động các "
                 "phương án phòng chống thiên tai.")
    assert got["tasks"] == ["chỉ đạo các địa phương khẩn trương gieo cấy hết diện tích vụ mùa năm 2024",
                            "Chủ động các phương án phòng chống thiên tai"]


# ------------------------------------------------------------------------------------------- batch 27
def test_a_council_with_its_abbreviation_in_brackets_and_a_capital_unit_holds_the_sitting():
    got = record("Sáng 7/8, Hội đồng nhân dân (HĐND) Phường Phan Thiết khóa I, nhiệm kỳ 2021 – 2026 đã tổ chức kỳ họp thứ "
                 "hai. Đồng chí Nguyễn Văn Tám, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Đảng ủy chủ tọa kỳ họp.")
    assert (got["organization"], got["level"]) == ("Hội đồng nhân dân Phường Phan Thiết", "ward")


def test_a_review_named_by_its_verb_without_đã_and_an_agency_before_that_verb():
    got = record("Chiều 30.12, Đảng ủy Sở Y tế Tây Ninh tổng kết công tác xây dựng Đảng năm 2022 và triển khai phương "
                 "hướng, nhiệm vụ năm 2023. Ông Trương Văn Hùng- Bí thư Đảng ủy Sở Y tế chủ trì hội nghị.\nTại buổi làm việc với Đảng uỷ xã Mỹ Lộc vào chiều 22/7, Phó Bí thư Tỉnh uỷ, "
                 "Chủ tịch UBMTTQ Việt Nam tỉnh Tây Ninh Nguyễn Thanh Hải yêu cầu địa phương bắt nhịp.")
    assert (got["organization"], got["level"]) == ("Đảng ủy Sở Y tế Tây Ninh", "agency")
    assert [p["name"] for p in got["attendees"]] == ["Nguyễn Thanh Hải"]  # "Ninh" ends the province


@pytest.mark.parametrize(("body", "org"), [
    ("Ngày 22-1, Đảng ủy phường Thông Tây Hội tổ chức hội nghị tổng kết năm 2025.", "Đảng ủy phường Thông Tây Hội"),
    ("Ngày 22-1, Đảng ủy phường Tân Định Hội nghị tổng kết năm 2025.", "Đảng ủy phường Tân Định"),
])
def test_a_place_ending_in_hội_keeps_it_unless_a_meeting_word_follows(body, org):
    assert record(body)["organization"] == org


def test_a_chair_after_dự_và_chủ_trì_at_the_main_point_of_a_linked_meeting():
    got = record("Ngày 2/8, Ban Chấp hành Đảng bộ tỉnh Bình Phước tổ chức hội nghị lần thứ VI.\nDự và chủ trì hội nghị "
                 "tại điểm cầu chính có: Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Nguyễn Mạnh Cường; các Ủy viên Ban "
                 "Thường vụ.")
    assert [p["name"] for p in got["chair"]] == ["Nguyễn Mạnh Cường"]


def test_resolutions_the_sitting_will_consider_are_not_a_vote():
    got = record("Ngày 15/7/2019, HĐND tỉnh Đồng Tháp khai mạc kỳ họp thứ 11. Kỳ họp này, HĐND tỉnh sẽ xem xét, thông "
                 "qua 15 nghị quyết.")
    assert got["resolution_passed"] is None


def test_a_sitting_numbered_only_further_on_with_its_council_named_after_it():
    filler = "Đại biểu thảo luận về tình hình kinh tế - xã hội và công tác phòng, chống dịch bệnh trên địa bàn. " * 8
    got = record("Phát biểu khai mạc kỳ họp, ông Phan Văn Thắng, Chủ tịch HĐND tỉnh Đồng Tháp nêu khó khăn.\n" + filler +
                 "\nKỳ họp thứ 11, HĐND tỉnh Đồng Tháp khóa IX diễn ra trong 2 ngày 15-16/7/2019.")
    assert got["ordinal"] == 11


# ------------------------------------------------------------------------------------------- batch 28
def test_the_term_after_the_ordinal_when_a_committee_holds_a_hội_nghị():
    got = record("Sáng ngày 06/4/2022, Tỉnh ủy Quảng Nam tổ chức Hội nghị lần thứ 7, khoá XXII sơ kết tình hình thực hiện "
                 "Nghị quyết quý I năm 2022.")
    assert got["term"] == "khóa XXII"  # "Hội nghị" is no mass association ("Hội Nông dân") owning the term


def test_the_next_quarter_named_first_opens_a_task():
    got = record("Ngày 18/4/2024, Ban Chấp hành Đảng bộ huyện Vĩnh Linh tổ chức Hội nghị lần thứ 19 đánh giá quý I năm "
                 "2024.\nQuý 2/2024, huyện Vĩnh Linh xác định huy động mọi nguồn lực để hoàn thành mục tiêu nông thôn mới.")
    assert got["tasks"] == ["huy động mọi nguồn lực để hoàn thành mục tiêu nông thôn mới"]


def test_the_party_committee_of_a_delegation_is_an_agency():
    got = record("Sáng 23/6, Đảng bộ Đoàn đại biểu Quốc hội và HĐND tỉnh Nghệ An tổ chức Đại hội nhiệm kỳ 2025 - 2030.")
    assert (got["organization"], got["level"]) == ("Đảng bộ Đoàn đại biểu Quốc hội và HĐND tỉnh Nghệ An", "agency")


# ------------------------------------------------------------------------------------------- batch 29
def test_the_term_of_a_committee_whose_city_is_written_tp_with_a_dot():
    got = record("Sáng 14/4, Ban Chấp hành Đảng bộ TP. Vũng Tàu Khóa VII, nhiệm kỳ 2020-2025 tổ chức Hội nghị lần thứ bảy.")
    assert (got["term"], got["term_years"]) == ("khóa VII", "2020-2025")
