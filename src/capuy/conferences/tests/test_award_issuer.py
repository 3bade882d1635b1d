"""Who gave an award, as a report states it (imports.award_issuer): never assumed (issue 13: the record states only
what was recorded)."""

import pytest

from capuy.conferences.imports import award_issuer
from capuy.conferences.tests.import_reports import REPORT, counts, record
from capuy.core.testing import CapuyTestCase

COMMITTEE = "Quận ủy Tây Hồ"


@pytest.mark.parametrize(("award", "source", "issuer"), [
    ({"form": "Giấy khen", "issuer": "Chủ tịch UBND phường"}, "", "Chủ tịch UBND phường"),
    ({"form": "Giấy khen của Chủ tịch UBND huyện"}, "", "Chủ tịch UBND huyện"),
    ({"form": "Giấy khen"}, "Dịp này, Quận ủy tặng Giấy khen cho 03 tập thể.", COMMITTEE),
    ({"form": "Bằng khen"}, "Tại hội nghị, Ban Thường vụ Tỉnh ủy trao Bằng khen cho 2 tập thể.",
     "Ban Thường vụ Tỉnh ủy"),
    ({"form": "Bằng khen"}, "Dịp này, Quận ủy tặng Giấy khen cho 03 tập thể.", ""),  # another award's giver
    ({"form": "Giấy khen"}, "Hội nghị đã khen thưởng 03 tập thể có thành tích xuất sắc.", ""),
    ({"form": "Giấy khen"}, "", ""),
])
def test_the_issuer_is_the_one_the_report_states_or_blank(award, source, issuer):
    assert award_issuer(award, source, COMMITTEE) == issuer


class UnstatedIssuerTests(CapuyTestCase):
    def test_an_award_whose_giver_the_report_does_not_name_is_refused_until_the_clerk_names_one(self):
        from django.core.exceptions import ValidationError

        from capuy.conferences import actions

        text = REPORT.replace("Dịp này, Quận ủy tặng Giấy khen", "Dịp này, tặng Giấy khen")
        extracted = record(text)
        assert extracted["awards"], "the report still has its award"
        before = counts()
        with pytest.raises(ValidationError) as caught:
            actions.import_report(self.district_staff, extracted, text, "https://tayho.hanoi.gov.vn/a")
        assert "cần ghi cơ quan, người khen thưởng" in " ".join(caught.value.messages)
        assert counts() == before
        extracted["awards"][0]["issuer"] = "Chủ tịch UBND quận Tây Hồ"
        imported = actions.import_report(self.district_staff, extracted, text, "https://tayho.hanoi.gov.vn/a")
        assert imported.conference.awards.get().issuer == "Chủ tịch UBND quận Tây Hồ"
