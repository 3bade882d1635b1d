"""A place given only by a report's web address, restored with its marks from the register of administrative units
(places.place_in_address, extraction.place_from_url)."""

import pytest

from capuy.conferences.extraction import extract_report, org_from_url, place_from_url
from capuy.conferences.places import place_in_address


@pytest.mark.parametrize(("unit", "labels", "path", "place"), [
    ("huyện", ["huongson", "hatinh"], [], "Hương Sơn"),  # the host names the district
    ("huyện", ["thainguyen"], ["dang-bo-huyen-dinh-hoa-to-chuc-hoi-nghi"], "Định Hóa"),  # the path, after its unit word
    ("phường", ["thaodien", "tpthuduc", "hochiminhcity"], ["dang-uy-phuong"], "Thảo Điền"),
    ("xã", ["thangtin", "tuyenquang"], [], "Thàng Tín"),
    ("huyện", ["tuyenquang"], [], None),  # a province's portal names no district
    ("huyện", ["tinhuyquangtri"], [], None),  # nor a province committee's site
    ("huyện", [], ["hoi-nghi-ban-chap-hanh-dang-bo-huyen-huong-hoa-lan-thu-19-khoa-xvii"], "Hướng Hóa"),
])
def test_a_place_in_the_address_is_read_from_the_register(unit, labels, path, place):
    assert place_in_address(unit, labels, path) == place


def test_the_text_spelling_comes_first_and_the_register_fills_what_it_lacks():
    text = "Huyện ủy tổ chức hội nghị sơ kết 6 tháng."
    assert place_from_url("http://huongson.hatinh.gov.vn/tin", text, False, "huyện") == "Hương Sơn"
    spelled = "Đài Truyền thanh Hương Sơn đưa tin: Huyện ủy tổ chức hội nghị."
    assert place_from_url("http://huongson.hatinh.gov.vn/tin", spelled, False, "huyện") == "Hương Sơn"
    assert place_from_url("http://example.vn/tin", text, False, "huyện") is None


@pytest.mark.parametrize(("url", "organization"), [
    ("https://huonghoa.tinhuyquangtri.vn/hoi-nghi-ban-chap-hanh-dang-bo-huyen-huong-hoa-lan-thu-19-khoa-xvii",
     "Ban Chấp hành Đảng bộ huyện Hướng Hóa"),
    ("https://thainguyen.dcs.vn/hoat-dong/dang-bo-huyen-dinh-hoa/tin-1", "Đảng bộ huyện Định Hóa"),
    ("https://example.vn/tin/dang-uy-phuong-thao-dien-so-ket-6-thang", "Đảng ủy phường Thảo Điền"),
    ("https://example.vn/tin/ky-hop-thu-ba-hdnd-xa-thang-tin", "Hội đồng nhân dân xã Thàng Tín"),
    ("https://example.vn/tin/hoi-nghi-so-ket-6-thang", None),
    (None, None),
])
def test_an_organization_is_read_from_the_address(url, organization):
    found = org_from_url(url)
    assert (found.name if found else None) == organization


def test_a_report_that_never_names_its_meeting_takes_organization_and_term_from_the_address():
    text = ("URL: https://huonghoa.tinhuyquangtri.vn/hoi-nghi-ban-chap-hanh-dang-bo-huyen-huong-hoa-lan-thu-19-khoa-xvii\n"
            "Tham dự hội nghị có lãnh đạo các ban, ngành, đoàn thể. Hội nghị đã thảo luận, cho ý kiến vào "
            "báo cáo công tác xây dựng Đảng 6 tháng đầu năm 2024.")
    record = extract_report(text)
    assert record["organization"] == "Ban Chấp hành Đảng bộ huyện Hướng Hóa"
    assert record["term"] == "khóa XVII" and record["ordinal"] == 19


def test_a_body_named_in_the_address_is_not_taken_for_the_place():
    url = "https://banghanh.tuyenquang.gov.vn/tin-bai/hoi-nghi-quan-triet-van-ban-dang-bo-tinh-ban-thuong-vu-tinh-uy"
    text = "Hội nghị quán triệt các văn bản của Ban Chấp hành Đảng bộ tỉnh, Ban Thường vụ Tỉnh ủy."
    assert place_from_url(url, text, False, "xã") == "Bằng Hành"
