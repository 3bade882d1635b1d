"""The conference-report extractor (issue 13, part 2): each rule table-driven, the labelled samples end to end."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from capuy.conferences import extraction as ex

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
REPO = HERE.parents[3]


def shared_folder() -> Path:
    here = REPO.parent / "shared"
    if here.exists():
        return here
    try:
        common = subprocess.run(["git", "rev-parse", "--git-common-dir"], cwd=REPO, capture_output=True, text=True,
                                check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return here
    return (REPO / common).resolve().parent.parent / "shared"


SHARED = shared_folder()


def record(body: str, url: str | None = None) -> dict:
    return ex.extract_report((f"URL: {url}\n" if url else "") + body)


# ------------------------------------------------------------------------------------------- small parsers
@pytest.mark.parametrize(("written", "number"), [
    ("17", 17), ("thứ 17", 17), ("lần thứ 5", 5), ("năm", 5), ("thứ năm", 5), ("nhất", 1), ("thứ nhất", 1),
    ("mười", 10), ("mười bảy", 17), ("mười lăm", 15), ("hai mươi", 20), ("hai mươi mốt", 21), ("ba mươi tư", 34),
    ("XVII", 17), ("VI", 6), ("IX", 9), ("XIV", 14), ("bảy", 7), ("không rõ", None), ("", None),
])
def test_ordinals_are_read_in_digits_words_and_roman_numerals(written, number):
    assert ex.parse_ordinal(written) == number


@pytest.mark.parametrize(("written", "value"), [
    ("7,36", 7.36), ("2.170", 2170), ("3.273", 3273), ("12.800", 12800), ("3.273,5", 3273.5), ("14", 14),
    ("20,3", 20.3), ("01", 1),
])
def test_vietnamese_figures_use_the_comma_as_decimal_point(written, value):
    assert ex.parse_number(written) == value


@pytest.mark.parametrize(("text", "old", "new"), [
    ("Huyện uỷ Quỳnh Lưu", "uỷ", "ủy"), ("Ban Chấp hành khoá VI", "khoá", "khóa"), ("hoà bình", "hoà", "hòa"),
])
def test_old_tone_placement_is_normalised_in_open_syllables(text, old, new):
    assert new in ex.normalize_text(text) and old not in ex.normalize_text(text)


@pytest.mark.parametrize("word", ["toàn", "hoàn thành", "hoạt động", "ngoài", "quý I", "Mỹ Quý"])
def test_closed_syllables_keep_their_marks(word):
    assert ex.normalize_text(word) == word


# ------------------------------------------------------------------------------------------- dates
@pytest.mark.parametrize(("body", "url", "expected"), [
    ("Sáng ngày 19/11/2024, Huyện ủy Tuy Phong tổ chức Hội nghị lần thứ 42.", None, "2024-11-19"),
    ("Sáng ngày 26 tháng 6 năm 2020, Ban Thường vụ Huyện ủy Hương Sơn tổ chức Hội nghị sơ kết.", None, "2020-06-26"),
    ("Chiều 30/9, Quận ủy Kiến An tổ chức hội nghị lần thứ 21 đánh giá nhiệm vụ 9 tháng, bổ khuyết nhiệm vụ 3 "
     "tháng cuối năm 2019.", None, "2019-09-30"),
    ("Hải Phòng, ngày 24 tháng 01 năm 2020\nChiều 30/9, Quận ủy Kiến An tổ chức hội nghị lần thứ 21 đánh giá "
     "nhiệm vụ 9 tháng năm 2019.", None, "2019-09-30"),
    ("21/05/2020 - 19:05\nTrong 2 ngày (20 và 21-5) đã diễn ra Đại hội đại biểu Đảng bộ xã Vĩnh Trạch.", None,
     "2020-05-20"),
    ("Ngày 16/1, Đảng bộ xã Bình Ba tổ chức Đại hội Đại biểu lần thứ VII, nhiệm kỳ 2025-2030.",
     "https://baobariavungtau.com.vn/chinh-tri/202501/x-1032243/", "2025-01-16"),
    ("Chiều 14/9, Bí thư Thành ủy chủ trì Hội nghị lần thứ 8 Ban Chấp hành Đảng bộ TPHCM khóa XI, nhiệm kỳ "
     "2020-2025.", None, "14/9"),
    ("Hội nghị sơ kết giữa nhiệm kỳ của Đảng bộ các CQCQ quận đã diễn ra.", None, None),
    ("Sáng 5/7, Thành ủy Hà Nội tổ chức Hội nghị lần thứ 24. Tính đến hết ngày 29/6, toàn Đảng bộ đã có 2.300 chi bộ "
     "tổ chức đại hội.", None, "5/7"),
    ("Trong 3 ngày, từ ngày 5 đến 7/12/2022, Đại hội đại biểu Đảng bộ thành phố Long Xuyên lần thứ XIII diễn ra.", None,
     "2022-12-05"),
    ("Sáng ngày 05 tháng 10, Quận ủy Tây Hồ tổ chức Hội nghị lần thứ 17, đánh giá 9 tháng năm 2023.", None, "2023-10-05"),
    ("Phát biểu tại Hội nghị rút kinh nghiệm đại hội điểm của Tỉnh ủy, nhiệm kỳ 2015-2020, ngày 7-4-2015.", None,
     "2015-04-07"),
    ("Hôm qua 24.6, Đảng bộ xã Duy Thành tổ chức Đại hội đại biểu Đảng bộ xã lần thứ XXIV.", None, "24.6"),
    ("Chiều 11.12, kỳ họp thứ 10 HĐND tỉnh khóa IX bầu các chức danh; tổng thu đạt 2.170 tỷ đồng.",
     "https://baotayninh.vn/2023/tin", "2023-12-11"),
])
def test_the_event_date_comes_from_the_body_and_its_year_from_the_context(body, url, expected):
    assert record(body, url)["event_date"] == expected


@pytest.mark.parametrize(("line", "is_dateline"), [
    ("21:27 27/06/2020", True), ("Hải Phòng, ngày 24 tháng 01 năm 2020", True), ("date 2021-07", True),
    ("Thứ Tư, 08/04/2015, 08:11 [GMT+7]", True), ("Sáng 8/7, Huyện ủy Duy Xuyên tổ chức hội nghị lần thứ 5", False),
])
def test_a_publication_line_is_told_from_a_sentence(line, is_dateline):
    assert ex.is_dateline(line) is is_dateline


# ------------------------------------------------------------------------------------------- header
@pytest.mark.parametrize(("body", "ordinal", "term", "term_years", "kind"), [
    ("Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI, nhiệm kỳ 2020 - 2025 được tổ chức sáng 5/10.",
     17, "khóa VI", "2020-2025", "committee_plenary"),
    ("Huyện ủy Phú Vang tổ chức Hội nghị lần thứ mười bảy, Ban Chấp hành Đảng bộ huyện khoá XIII.",
     17, "khóa XIII", None, "committee_plenary"),
    ("Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 42 thông qua Báo cáo kiểm điểm nhiệm kỳ 2020-2025.",
     42, None, "2020-2025", "committee_plenary"),
    ("HĐND huyện Kbang khóa VIII (nhiệm kỳ 2021-2026) đã tổ chức thành công Kỳ họp thứ 15.",
     15, "khóa VIII", "2021-2026", "council_session"),
    ("Đảng bộ xã Bình Ba tổ chức thành công Đại hội Đại biểu lần thứ VII, nhiệm kỳ 2025-2030.",
     7, None, "2025-2030", "congress"),
    ("Đảng ủy xã Nam Hương tổ chức Hội nghị tổng kết công tác xây dựng Đảng năm 2017.",
     None, None, None, "year_end_review"),
    ("Ban Thường vụ Huyện ủy Hương Sơn tổ chức Hội nghị sơ kết thực hiện nhiệm vụ 6 tháng đầu năm 2020.",
     None, None, None, "periodic_review"),
    ("Hội nghị sơ kết giữa nhiệm kỳ của Đảng bộ các CQCQ quận.", None, None, None, "mid_term_review"),
    ("Sáng ngày 23-10, Ban Thường vụ Tỉnh ủy tổ chức hội nghị thông báo nhanh kết quả Hội nghị lần thứ sáu Ban Chấp "
     "hành Trung ương Đảng khóa XII.", None, None, None, "other"),
    ("Ngày 29/6/2021, HĐND xã Mỹ An khóa X, nhiệm kỳ 2021 – 2026 tổ chức kỳ họp thứ nhất.",
     1, "khóa X", "2021-2026", "council_session"),
    ("Đại hội Đảng cấp xã ở Đắk Lắk khẳng định tinh thần đổi mới\nNgày 24/7, Đảng bộ xã Hoà Phú tổ chức Đại hội Đại biểu "
     "lần thứ I, nhiệm kỳ 2025-2030.", 1, None, "2025-2030", "congress"),
    ("Chiều ngày 12/6, Đảng ủy xã Tân Hồng tổ chức hội nghị BCH Đảng bộ mở rộng để đánh giá kết quả thực hiện nhiệm vụ "
     "tháng 05 năm 2023.", None, None, None, "other"),
    ("Quận ủy Kiến An tổ chức hội nghị lần thứ 21, chuẩn bị Đại hội Đảng bộ quận lần thứ VI, nhiệm kỳ 2020-2025 "
     "và thực hiện Nghị quyết Trung ương 4 khóa XII.", 21, None, None, "committee_plenary"),
])
def test_number_term_and_kind_are_read_from_the_phrase_naming_the_meeting(body, ordinal, term, term_years, kind):
    got = record(body)
    assert (got["ordinal"], got["term"], got["term_years"], got["conference_kind"]) == (ordinal, term, term_years, kind)


@pytest.mark.parametrize(("body", "period"), [
    ("Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận Tây Hồ xem xét Báo cáo 9 tháng năm 2023.", "9 tháng năm 2023"),
    ("Quận ủy Kiến An tổ chức hội nghị lần thứ 21 đánh giá kết quả 9 tháng, bổ khuyết nhiệm vụ 3 tháng cuối năm 2019.",
     "9 tháng năm 2019"),
    ("Đảng bộ phường Mỹ Quý tổ chức Hội nghị sơ kết 06 tháng đầu năm 2023.", "06 tháng đầu năm 2023"),
    ("Đảng bộ xã Quảng Phước đã tổ chức Hội nghị tổng kết công tác Đảng năm 2021.", "năm 2021"),
    ("Đảng ủy phường A tổ chức Hội nghị sơ kết công tác quý I năm 2024.", "quý I năm 2024"),
    ("Hội nghị sơ kết giữa nhiệm kỳ của Đảng bộ các CQCQ quận.", "giữa nhiệm kỳ"),
    ("Thành ủy Huế tổ chức hội nghị. Báo cáo tại hội nghị cho thấy, 10 tháng đầu năm, GRDP tăng 9,06%.",
     "10 tháng đầu năm"),
    ("Ngày 1/12, Bí thư Tỉnh ủy chủ trì Hội nghị Ban Chấp hành Đảng bộ tỉnh đánh giá công tác lãnh đạo, chỉ đạo nhiệm "
     "vụ năm 2023, triển khai nhiệm vụ năm 2024.", "năm 2023"),
    ("Chiều ngày 12/6, Đảng ủy xã Tân Hồng tổ chức hội nghị BCH Đảng bộ mở rộng để đánh giá kết quả thực hiện nhiệm vụ "
     "tháng 05 năm 2023.", "tháng 05 năm 2023"),
    ("Sáng 5/4, Ban Chấp hành Đảng bộ tỉnh tổ chức hội nghị đánh giá nhiệm vụ công tác quý I, triển khai nhiệm vụ "
     "công tác quý II/2024.", "quý I/2024"),
])
def test_the_reviewed_period_is_kept_as_written(body, period):
    assert record(body)["period_reviewed"] == period


@pytest.mark.parametrize(("body", "organization", "level"), [
    ("Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI.", "Ban Chấp hành Đảng bộ quận Tây Hồ", "district"),
    ("Chiều 30/9, Quận ủy tổ chức hội nghị lần thứ 21. Quận ủy phát hành Lịch sử Đảng bộ quận Kiến An.",
     "Quận ủy Kiến An", "district"),
    ("Chiều ngày 29/12/2023, Đảng ủy - UBND xã Ái Thượng tổ chức hội nghị tổng kết công tác Đảng năm 2023.",
     "Đảng ủy xã Ái Thượng", "commune"),
    ("Ngày 09/6/2023, Ban Thường vụ Đảng ủy phường Mỹ Quý tổ chức Hội nghị sơ kết 06 tháng đầu năm 2023.",
     "Đảng ủy phường Mỹ Quý", "ward"),
    ("HĐND huyện Kbang khóa VIII đã tổ chức thành công Kỳ họp thứ 15.", "HĐND huyện Kbang", "district"),
    ("Hội nghị sơ kết giữa nhiệm kỳ của Đảng bộ các CQCQ quận\nTrong nửa nhiệm kỳ qua…", "Đảng bộ các CQCQ quận",
     "agency"),
    ("Bí thư Thành ủy TPHCM chủ trì Hội nghị lần thứ 8, Ban Chấp hành Đảng bộ TPHCM khóa XI.",
     "Ban Chấp hành Đảng bộ TPHCM", "province"),
    ("Sáng 5/1, Tỉnh ủy Nghệ An tổ chức Hội nghị lần thứ 20 Ban Chấp hành Đảng bộ tỉnh.", "Tỉnh ủy Nghệ An",
     "province"),
    ("Sáng 5/4, Ban Chấp hành (BCH) Đảng bộ tỉnh tổ chức hội nghị đánh giá nhiệm vụ công tác quý I.",
     "Ban Chấp hành Đảng bộ tỉnh", "province"),
    ("Chiều ngày 26/10/2022, đồng chí Nguyễn Văn Cẩn dự buổi sinh hoạt thường kỳ của Chi bộ Trường Tiểu học Trà Tập.",
     "Chi bộ Trường Tiểu học Trà Tập", "cell"),
    ("Sáng 7-5, Đại hội đại biểu Đảng bộ TP.Thuận An lần thứ XII, nhiệm kỳ 2020-2025 khai mạc.", "Đảng bộ TP. Thuận An",
     "district"),
    ("Sáng 9/1, Đảng ủy Khối các cơ quan tỉnh tổ chức Hội nghị tổng kết công tác năm 2023.",
     "Đảng ủy Khối các cơ quan tỉnh", "agency"),
    ("Dự Hội nghị có đại biểu lãnh đạo các ban xây dựng Đảng Tỉnh ủy. Đồng chí Nguyễn Đức Lực, Ủy viên Ban Chấp hành "
     "Đảng bộ tỉnh, Bí thư Huyện ủy chủ trì Hội nghị.", "Huyện ủy", "district"),
])
def test_the_organization_is_the_one_holding_the_meeting_and_its_unit_gives_the_level(body, organization, level):
    got = record(body)
    assert (got["organization"], got["level"]) == (organization, level)


@pytest.mark.parametrize(("url", "body", "organization"), [
    ("https://doluong.gov.vn/ong-le-minh-giang-be-mac-ky-hop/", "Kỳ họp lần thứ 5 HĐND huyện khóa XIX.\nĐài Đô Lương",
     "HĐND huyện Đô Lương"),
    ("https://baoninhbinh.org.vn/s/tin?page=2", "Sáng 12/1, Ban Thường vụ Tỉnh ủy tổ chức hội nghị.", "Tỉnh ủy Ninh Bình"),
    ("https://example.vn/tin/1", "Sáng 12/1, Ban Thường vụ Tỉnh ủy tổ chức hội nghị.", "Tỉnh ủy"),
    ("https://baosonla.org.vn/tin", "Ngày 1/12, Bí thư Tỉnh ủy chủ trì Hội nghị Ban Chấp hành Đảng bộ tỉnh.\nBáo Sơn La",
     "Ban Chấp hành Đảng bộ tỉnh Sơn La"),
])
def test_a_place_the_body_omits_is_taken_from_the_web_address(url, body, organization):
    assert record(body, url)["organization"] == organization


# ------------------------------------------------------------------------------------------- people
@pytest.mark.parametrize(("body", "chair", "attendees"), [
    ("Quận ủy Kiến An tổ chức hội nghị lần thứ 21. Đồng chí Trần Văn Khuê – TUV, Bí thư Quận ủy chủ trì hội nghị.",
     [("Trần Văn Khuê", ["TUV", "Bí thư Quận ủy"])], []),
    ("Hội nghị lần thứ 5 Huyện ủy Quỳnh Lưu. Đồng chí Nguyễn Văn An, Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND "
     "huyện chủ trì hội nghị.",
     [("Nguyễn Văn An", ["Phó Bí thư Thường trực Huyện ủy", "Chủ tịch HĐND huyện"])], []),
    ("Hội nghị sơ kết 6 tháng của Huyện ủy Hương Sơn. Bí thư Huyện ủy Trần Văn Kỳ chủ trì hội nghị.",
     [("Trần Văn Kỳ", ["Bí thư Huyện ủy"])], []),
    ("Hội nghị lần thứ 8 Thành ủy. Cùng tham dự có các đồng chí: Phan Văn Mãi, Ủy viên Trung ương Đảng, Chủ tịch "
     "UBND TP; Nguyễn Thị Lệ, Phó Bí thư Thành ủy, Chủ tịch HĐND TP.",
     [], [("Phan Văn Mãi", ["Ủy viên Trung ương Đảng", "Chủ tịch UBND TP"]),
          ("Nguyễn Thị Lệ", ["Phó Bí thư Thành ủy", "Chủ tịch HĐND TP"])]),
    ("Hội nghị tổng kết của Đảng ủy xã Ái Thượng. Đồng chí Võ Thị Lý - Bí thư Đảng ủy - Chủ tịch HĐND; đồng chí "
     "Nguyễn Đức Lục - PBT Đảng ủy - Chủ tịch UBND xã đồng chủ trì hội nghị.",
     [("Võ Thị Lý", ["Bí thư Đảng ủy", "Chủ tịch HĐND"]), ("Nguyễn Đức Lục", ["PBT Đảng ủy", "Chủ tịch UBND xã"])], []),
    ("Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận Tây Hồ. Phát biểu kết luận hội nghị, Bí thư Quận ủy, Chủ tịch "
     "HĐND quận Tây Hồ Lê Thị Thu Hằng nhấn mạnh kết quả. Bà Trương Tú Uyên, Bí thư Đảng ủy phường Quảng An tham "
     "luận tại hội nghị.\nTuyết Trinh",
     [], [("Lê Thị Thu Hằng", ["Bí thư Quận ủy", "Chủ tịch HĐND quận Tây Hồ"]),
          ("Trương Tú Uyên", ["Bí thư Đảng ủy phường Quảng An"])]),
    ("Chiều ngày 20/5, dưới sự chủ trì của đồng chí Ngô Đông Hải, Phó Bí thư thường trực Tỉnh ủy, Ban Thường vụ "
     "Tỉnh ủy tổ chức hội nghị thảo luận đề cương.", [("Ngô Đông Hải", ["Phó Bí thư thường trực Tỉnh ủy"])], []),
    ("Đảng bộ xã Quảng Phước tổ chức Hội nghị tổng kết. Đến dự có đồng chí: Trần Văn Nhuận – Phó Ban Dân vận Huyện ủy; "
     "đồng chí Phạm Công Trà - HUV, Phó Ban Tuyên Giáo Huyện ủy, các đồng chí đại diện các Ban của Huyện ủy.",
     [], [("Trần Văn Nhuận", ["Phó Ban Dân vận Huyện ủy"]), ("Phạm Công Trà", ["HUV", "Phó Ban Tuyên Giáo Huyện ủy"])]),
    ("Đại hội đại biểu Đảng bộ huyện Hà Trung lần thứ XXII. Đồng chí Trần Duy Bình tiếp tục được bầu giữ chức Bí thư "
     "Huyện ủy Hà Trung, nhiệm kỳ 2020 - 2025. Các đồng chí Lê Thanh Hải và Nguyễn Văn Tuấn được bầu làm Phó Bí thư "
     "Huyện ủy Hà Trung.",
     [], [("Trần Duy Bình", ["Bí thư Huyện ủy Hà Trung"]), ("Lê Thanh Hải", ["Phó Bí thư Huyện ủy Hà Trung"]),
          ("Nguyễn Văn Tuấn", ["Phó Bí thư Huyện ủy Hà Trung"])]),
    ("Đảng bộ xã Hoằng Châu tổ chức Đại hội lần thứ I. Đồng chí Mai Văn Hải, Tỉnh ủy viên, Phó Trưởng Đoàn Đại biểu "
     "Quốc hội tỉnh dự và chỉ đạo Đại hội.",
     [], [("Mai Văn Hải", ["Tỉnh ủy viên", "Phó Trưởng Đoàn Đại biểu Quốc hội tỉnh"])]),
    ("Thành ủy Huế tổ chức hội nghị. Chủ trì hội nghị có UVTW Đảng, Bí thư Thành ủy Nguyễn Đình Trung; Phó Bí thư "
     "Thành ủy, Chủ tịch UBND thành phố Phan Thiên Định và Phó Bí thư Thành ủy, Phó Chủ tịch UBND thành phố Nguyễn "
     "Chí Tài.",
     [("Nguyễn Đình Trung", ["UVTW Đảng", "Bí thư Thành ủy"]),
      ("Phan Thiên Định", ["Phó Bí thư Thành ủy", "Chủ tịch UBND thành phố"]),
      ("Nguyễn Chí Tài", ["Phó Bí thư Thành ủy", "Phó Chủ tịch UBND thành phố"])], []),
    ("Kỳ họp thứ nhất HĐND xã Mỹ An. Kỳ họp đã bầu các chức danh; ông Võ Minh Tiến trúng cử chức vụ Chủ tịch HĐND xã.",
     [], [("Võ Minh Tiến", ["Chủ tịch HĐND xã"])]),
    ("Ông Lê Minh Giang – Chủ tịch HĐND huyện bế mạc kỳ họp lần thứ 5. Đồng chí Ngọc Kim Nam – Chủ tịch UBND huyện "
     "phát biểu.", [], [("Lê Minh Giang", ["Chủ tịch HĐND huyện"]), ("Ngọc Kim Nam", ["Chủ tịch UBND huyện"])]),
])
def test_people_are_named_without_courtesy_words_with_titles_split_and_the_chair_apart(body, chair, attendees):
    got = record(body)
    as_pairs = [(p["name"], p["titles"]) for p in got["chair"]], [(p["name"], p["titles"]) for p in got["attendees"]]
    assert as_pairs == (chair, attendees)


def test_titles_from_several_mentions_of_one_person_are_merged_in_their_longer_form():
    assert ex.merge_titles(["Bí thư Quận ủy Tây Hồ"], ["Bí thư Quận ủy", "Chủ tịch HĐND quận Tây Hồ"]) == [
        "Bí thư Quận ủy Tây Hồ", "Chủ tịch HĐND quận Tây Hồ"]


@pytest.mark.parametrize(("run", "after_unit", "expected"), [
    ("Trần Văn Kỳ", False, (0, "Trần Văn Kỳ")),
    ("Tây Hồ Lê Thị Thu Hằng", True, (2, "Lê Thị Thu Hằng")),
    ("Tây Hồ", True, None),
    ("Hồ Chí Minh", False, None),
    ("Kiến An", True, None),
])
def test_a_name_is_told_from_the_place_written_before_it(run, after_unit, expected):
    assert ex.name_in_run(run, after_unit) == expected


# ------------------------------------------------------------------------------------------- figures, votes, tasks
@pytest.mark.parametrize(("sentence", "expected"), [
    ("Doanh thu thương mại, dịch vụ, du lịch tăng 55,8% so với cùng kỳ năm 2022.", [(55.8, "%")]),
    ("Tổng giá trị sản xuất đạt 3.273 tỷ đồng, tăng 3,31% so với cùng kỳ.", [(3273, "tỷ đồng"), (3.31, "%")]),
    ("Cải cách hành chính đứng thứ 4/30 quận, huyện toàn thành phố.", [(4, "/30 quận, huyện")]),
    ("Đạt 30/32 chỉ tiêu đề ra.", [(30, "/32 chỉ tiêu")]),
    ("Thành lập được 01 tổ chức Đảng, 04 tổ chức Công đoàn và 3 tổ chức Đoàn thanh niên theo Nghị quyết 28.",
     [(1, "tổ chức"), (4, "tổ chức"), (3, "tổ chức")]),
    ("Kỷ niệm 25 năm ngày thành lập quận, thực hiện Chỉ thị 35, Nghị quyết số 05 năm 2019 và chi bộ 4 tốt.", []),
    ("Thu ngân sách đạt gần 69 tỷ đồng, bằng 57,34% kế hoạch năm.", [(69, "tỷ đồng"), (57.34, "%")]),
    ("Nâng cấp 19 phòng học, thư viện; 1 nhà văn hóa xã, 19 nhà văn hóa thôn.",
     [(19, "phòng học"), (1, "nhà văn hóa"), (19, "nhà văn hóa")]),
    ("Có 80/80 chỉ tiêu về phát triển kinh tế - xã hội đạt và vượt.", [(80, "/80 chỉ tiêu")]),
    ("GRDP 6 tháng đầu năm đạt 3,39%, cao hơn 1,8 lần mức tăng của cả nước; chính quyền địa phương 2 cấp.",
     [(3.39, "%"), (1.8, "lần")]),
    ("GRDP tăng 7,36%, xếp thứ 5/63 tỉnh, thành phố; thu ngân sách đạt 1,2 nghìn tỷ đồng.",
     [(7.36, "%"), (5, "/63 tỉnh, thành phố"), (1.2, "nghìn tỷ đồng")]),
    ("Có 78 đồng chí hoàn thành tốt nhiệm vụ, đạt 78,8%; 4 chi bộ hoàn thành tốt nhiệm vụ.",
     [(78, "đồng chí"), (78.8, "%"), (4, "chi bộ")]),
])
def test_indicators_are_figures_with_units_not_dates_documents_or_anniversaries(sentence, expected):
    got = ex.find_indicators(sentence, set())
    assert [(i["value"], i["unit"]) for i in got] == expected


@pytest.mark.parametrize("sentence", [
    "Hội nghị được tổ chức với sự tham dự của 25 đại biểu.",
    "Hội nghị có 226 điểm cầu, với hơn 32.000 đảng viên tham dự.",
    "Tham dự có 188 đại biểu chính thức, tiêu biểu cho 876 đảng viên trong toàn Đảng bộ phường.",
    "Tham dự hội nghị có lãnh đạo Đảng ủy, Thường trực UB. MTTQ phường, trên 100 đại biểu đại diện các đảng viên.",
])
def test_who_attended_is_not_an_indicator(sentence):
    assert ex.find_indicators(sentence, set()) == []


def test_an_election_result_is_an_indicator():
    got = ex.find_indicators("Trong cuộc bầu cử, kết quả đã bầu được 15 đại biểu.", set())
    assert [(i["value"], i["unit"]) for i in got] == [(15, "đại biểu")]


def test_the_comparison_named_in_the_sentence_is_kept():
    got = ex.find_indicators("Doanh thu tăng 55,8% so với cùng kỳ năm 2022.", set())
    assert got[0]["comparison"] == "so với cùng kỳ năm 2022"


@pytest.mark.parametrize(("body", "passed", "share"), [
    ("Hội nghị lần thứ 9 Huyện ủy X. Hội nghị đã biểu quyết thông qua Nghị quyết với 100% đại biểu tán thành.",
     True, 100),
    ("Hội nghị lần thứ 9 Huyện ủy X. Ban Chấp hành sẽ biểu quyết thông qua nghị quyết hội nghị.", None, None),
    ("Kỳ họp thứ 15 HĐND huyện Kbang đã xem xét, thông qua 15 dự thảo nghị quyết.", True, None),
    ("Hội nghị lần thứ 9 Huyện ủy X bàn nhiệm vụ quý IV.", None, None),
    ("Chiều 17/7, HĐND xã Trung Lý tổ chức Kỳ họp thứ 14. HĐND xã đã biểu quyết thông qua Tờ trình về Quy chế.",
     True, None),
])
def test_the_vote_is_reported_only_when_the_text_says_it_was_held(body, passed, share):
    got = record(body)
    assert (got["resolution_passed"], got["vote_share"]) == (passed, share)


def test_an_award_without_counts_keeps_its_form_and_recipients_once():
    body = ("Ngày 22-12, Đảng bộ huyện Đồng Hỷ tổ chức Hội nghị tổng kết năm 2022. Đồng chí Bí thư Tỉnh ủy trao Cờ thi đua "
            "cho các tập thể có thành tích xuất sắc trong thực hiện nhiệm vụ.\nĐồng chí Bí thư Tỉnh ủy trao Cờ thi đua tặng "
            "các tập thể của huyện có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2022.")
    assert record(body)["awards"] == [{"recipient": "các tập thể có thành tích xuất sắc trong thực hiện nhiệm vụ",
                                       "form": "Cờ thi đua"}]


def test_awards_to_several_groups_keep_each_group_with_what_it_was_for():
    body = ("Sáng ngày 04/01/2024, Đảng ủy phường Phúc La tổ chức Hội nghị tổng kết năm 2023. BCH Đảng bộ phường đã biểu "
            "dương khen thưởng đối với 06 tập thể, 303 Đảng viên hoàn thành xuất sắc nhiệm vụ, 22 tập thể hoàn thành tốt "
            "nhiệm vụ.")
    assert [a["recipient"] for a in record(body)["awards"]] == [
        "06 tập thể, 303 Đảng viên hoàn thành xuất sắc nhiệm vụ", "22 tập thể hoàn thành tốt nhiệm vụ"]


def test_awards_keep_counts_and_form():
    body = ("Đảng bộ xã A tổ chức Hội nghị tổng kết năm 2021. Dịp này, 03 tập thể và 05 cá nhân được nhận Giấy khen "
            "của Chủ tịch UBND huyện.")
    assert record(body)["awards"] == [{"recipient": "03 tập thể và 05 cá nhân",
                                       "form": "Giấy khen của Chủ tịch UBND huyện"}]


@pytest.mark.parametrize(("body", "tasks"), [
    ("Quận ủy X tổ chức hội nghị lần thứ 21. 3 tháng cuối năm, Quận ủy xác định một số nhiệm vụ trọng tâm. Trong đó: "
     "tập trung cao thực hiện chủ đề năm 2019; tăng cường công tác thu ngân sách; làm tốt công tác tuyển quân năm 2020.",
     ["tập trung cao thực hiện chủ đề năm 2019", "tăng cường công tác thu ngân sách",
      "làm tốt công tác tuyển quân năm 2020"]),
    ("Hội nghị lần thứ 3 Huyện ủy X. Đồng chí A yêu cầu cán bộ, đảng viên phải nâng cao tinh thần trách nhiệm "
     "trong công việc. Cần quan tâm đến công tác giáo dục chính trị tư tưởng, nâng cao tính tiên phong gương mẫu "
     "của cán bộ, đảng viên.",
     ["nâng cao tinh thần trách nhiệm trong công việc", "quan tâm đến công tác giáo dục chính trị tư tưởng",
      "nâng cao tính tiên phong gương mẫu của cán bộ, đảng viên"]),
    ("Ngày 22-12, Đảng bộ huyện A tổ chức Hội nghị tổng kết năm 2022. Năm 2023, Đảng bộ huyện tiếp tục tập trung lãnh "
     "đạo, chỉ đạo thực hiện tốt các nhiệm vụ.", ["tiếp tục tập trung lãnh đạo, chỉ đạo thực hiện tốt các nhiệm vụ"]),
    ("Huyện ủy A tổ chức hội nghị. Năm 2022, các chỉ tiêu chủ yếu đều đạt và vượt so với kế hoạch như: giá trị sản xuất "
     "đạt 1.154 tỷ đồng; thu ngân sách đạt trên 74 tỷ đồng.", []),
    ("Hội nghị lần thứ 16 Huyện ủy Nam Giang. Đồng chí Bí thư yêu cầu đại biểu cần tập trung đánh giá, phân tích thêm về "
     "kết quả đạt được trong năm 2023. Phân tích, làm rõ nguyên nhân dẫn đến những tồn tại, hạn chế còn mắc phải.",
     ["tập trung đánh giá, phân tích thêm về kết quả đạt được trong năm 2023",
      "Phân tích, làm rõ nguyên nhân dẫn đến những tồn tại, hạn chế còn mắc phải"]),
    ("Hội nghị lần thứ 3 Huyện ủy X. Hội nghị chỉ ra những hạn chế cần khắc phục trong công tác thu ngân sách năm qua.",
     []),
    ("Hội nghị Thị ủy Hương Thủy. Phát biểu kết luận hội nghị, đồng chí Phan Văn Tư - Phó Bí thư Thường trực Thị ủy yêu "
     "cầu các cấp ủy đảng, cơ quan, đơn vị sớm triển khai thực hiện theo đúng nội dung của hướng dẫn, bảo đảm thực hiện "
     "nghiêm túc và đúng thời gian quy định.",
     ["triển khai thực hiện theo đúng nội dung của hướng dẫn", "bảo đảm thực hiện nghiêm túc và đúng thời gian quy định"]),
])
def test_tasks_are_the_directions_ahead_split_at_the_authors_separators(body, tasks):
    assert record(body)["tasks"] == tasks


def test_targets_for_the_next_term_are_tasks_not_indicators():
    body = ("Đảng bộ xã A tổ chức Đại hội đại biểu lần thứ XII. Đảng bộ đặt ra các chỉ tiêu chủ yếu, như: thu nhập "
            "bình quân đầu người trên 110 triệu đồng/người/năm; tỷ lệ lao động có việc làm qua đào tạo 70%.")
    got = record(body)
    assert got["indicators"] == []
    assert got["tasks"] == ["thu nhập bình quân đầu người trên 110 triệu đồng/người/năm",
                            "tỷ lệ lao động có việc làm qua đào tạo 70%"]


# ------------------------------------------------------------------------------------------- whole reports
@pytest.mark.parametrize("text", ["", "   \n  ", "Hôm nay trời đẹp, chợ Bến Thành đông người mua sắm.",
                                  "URL: https://example.vn/tin\nGiá vàng tăng 2% trong tuần."])
def test_a_text_without_a_conference_is_refused(text):
    with pytest.raises(ex.NotAReport):
        ex.extract_report(text)


def test_the_term_years_may_come_from_a_later_sentence_naming_the_same_meeting():
    body = ("Hội nghị Ban Chấp hành Đảng bộ xã Sơn Tây Hạ lần thứ 2\nChiều ngày 02/10/2025, Ban Thường vụ Đảng ủy xã Sơn "
            "Tây Hạ tổ chức Hội nghị Ban Chấp hành Đảng bộ xã lần thứ 2, nhiệm kỳ 2025 – 2030 nhằm đánh giá 9 tháng.")
    got = record(body)
    assert (got["ordinal"], got["term_years"], got["event_date"]) == (2, "2025-2030", "2025-10-02")


def test_comment_forms_and_share_buttons_are_not_read_as_figures():
    body = ("Sáng 7-5, Đại hội đại biểu Đảng bộ phường Thuận Giao lần thứ XIII, nhiệm kỳ 2020-2025 khai mạc.\n"
            "Chia sẻ bài viết\nGửi file đính kèm không quá 10MB Đính kèm File\nintNumViewTotal=447\nQuay lên trên")
    assert record(body)["indicators"] == []


def test_site_chrome_and_a_text_cut_mid_word_are_real_input():
    text = ("URL: https://a.gov.vn/tin\nA- A A+ | Tăng tương phản Giảm tương phản\nSkip to main content\n"
            "Sáng 8/7/2021, Huyện ủy Duy Xuyên tổ chức hội nghị lần thứ 5. Đồng chí Trần Văn Bình, Bí thư Huyện ủy chủ "
            "trì hội nghị. Giá trị sản xuất tăng 19,1% so với cùng kỳ, doanh thu đạt 1,84 tỷ đồ")
    got = ex.extract_report(text)
    assert list(got) == ex.FIELDS
    assert (got["organization"], got["ordinal"], got["event_date"]) == ("Huyện ủy Duy Xuyên", 5, "2021-07-08")
    assert got["chair"] == [{"name": "Trần Văn Bình", "titles": ["Bí thư Huyện ủy"]}]
    assert [i["value"] for i in got["indicators"]] == [19.1]


def test_a_report_cut_anywhere_gives_a_record_or_a_clear_refusal():
    text = (ARTICLES / "aithuong_tongket_2023.txt").read_text(encoding="utf-8")
    for cut in range(0, len(text), 37):
        try:
            got = ex.extract_report(text[:cut])
        except ex.NotAReport:
            continue
        assert list(got) == ex.FIELDS


def test_every_labelled_report_of_the_project_gives_a_record_with_exactly_the_labelled_keys():
    reports = sorted(ARTICLES.glob("*.txt"))
    assert len(reports) >= 6
    for txt in reports:
        label = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        assert list(label) == ex.FIELDS, txt.name
        got = ex.extract_report(txt.read_text(encoding="utf-8"))
        assert list(got) == ex.FIELDS, txt.name
        json.dumps(got, ensure_ascii=False)


def _scorer():
    path = SHARED / "tools/score_articles.py"
    if not path.exists():
        pytest.skip("the shared scorer ../shared/tools/score_articles.py is not beside the repository")
    spec = importlib.util.spec_from_file_location("score_articles", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _f1(scorer, scores: dict, fields=None) -> float:
    fields = fields or scorer.FIELDS
    tp, fp, fn = (sum(scores[f][k] for f in fields) for k in range(3))
    return scorer.f1(tp, fp, fn)


@pytest.mark.parametrize(("sample", "overall", "header"), [
    ("000_4253697ec1058f96", 0.9, 1.0),
    ("001_e00c28845688ae71", 0.9, 1.0),
    ("003_e584d4f4208dd2e3", 0.95, 1.0),
])
def test_the_shared_samples_score_end_to_end(sample, overall, header):
    scorer = _scorer()
    folder = SHARED / "samples/articles"
    gold = json.loads((folder / f"{sample}.json").read_text(encoding="utf-8"))
    got = ex.extract_report((folder / f"{sample}.txt").read_text(encoding="utf-8"))
    scores = scorer.score_article(gold, got)
    assert _f1(scorer, scores) >= overall
    assert _f1(scorer, scores, scorer.HEADER) >= header


def test_extraction_takes_well_under_a_second_per_report():
    # The benchmark (bench/import_accuracy.py) measures it; this only guards against a runaway regex.
    text = (SHARED / "samples/articles/001_e00c28845688ae71.txt")
    body = text.read_text(encoding="utf-8") if text.exists() else (ARTICLES / "huongson_6thang_2020.txt").read_text(
        encoding="utf-8")
    ex.extract_report(body * 5)


# ------------------------------------------------------------------------------------------- the command
def _call(*args, **kwargs):
    import io

    from django.core.management import call_command
    out = io.StringIO()
    call_command("extract_article", *args, stdout=out, **kwargs)
    return out.getvalue()


def test_the_command_prints_the_record_of_a_file():
    out = json.loads(_call(str(ARTICLES / "kbang_hdnd_ky15_2023.txt")))
    assert list(out) == ex.FIELDS
    assert (out["organization"], out["ordinal"], out["term"]) == ("HĐND huyện Kbang", 15, "khóa VIII")


def test_the_command_reads_standard_input_with_a_dash():
    import io
    stdin = io.TextIOWrapper(io.BytesIO("Sáng 8/7/2021, Huyện ủy Duy Xuyên tổ chức hội nghị lần thứ 5.".encode()),
                             encoding="utf-8")
    out = json.loads(_call("-", stdin=stdin))
    assert (out["organization"], out["ordinal"]) == ("Huyện ủy Duy Xuyên", 5)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "Văn bản trống"),
    (b"   \n\n ", "Văn bản trống"),
    ("Hôm nay trời đẹp, chợ đông người.".encode(), "không phải bản tin về hội nghị"),
    ("Hội nghị lần thứ 5 Huyện ủy X".encode("utf-16"), "không phải văn bản UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "không phải văn bản UTF-8"),
])
def test_the_command_refuses_bad_input_with_a_vietnamese_message_and_exit_code_2(tmp_path, content, message):
    from django.core.management.base import CommandError
    path = tmp_path / "bantin.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError) as caught:
        _call(str(path))
    assert message in str(caught.value)
    assert caught.value.returncode == 2


def test_the_command_line_exits_with_2_and_prints_nothing_on_standard_output(tmp_path):
    path = tmp_path / "rong.txt"
    path.write_text("", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "capuy", "extract-article", str(path)], capture_output=True, text=True,
                         cwd=REPO, env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 2
    assert run.stdout == ""
    assert "Văn bản trống" in run.stderr
