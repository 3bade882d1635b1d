"""Every ``CAPUY_*`` setting of capuy, declared once: name, default, meaning, and how it is read.

``capuy/settings.py`` takes each value from the environment variable of the same name, or the default
below; code reads a value with :func:`value` (which honours ``override_settings`` in tests), and each
rule through one accessor function of its own that names the rule's source. ``docs/SETTINGS.md`` is the
operators' table; a test checks that every setting declared here is documented there and that no
``CAPUY_*`` name is used in the code without being declared here.

The rating rules of Quy định 366-QĐ/TW (score bands, the quota of "Hoàn thành xuất sắc nhiệm vụ") are
not environment settings: they are stored in the database and edited in the admin ("Quy tắc xếp loại",
``capuy.members.models.RatingRules``), because a committee changes them between campaigns.

This module imports nothing from Django at import time, so ``settings.py`` can use it.
"""

import dataclasses
import os
from collections.abc import Callable
from fractions import Fraction
from typing import Any


class SettingError(ValueError):
    """A ``CAPUY_*`` value that cannot be read (raised at start-up, naming the variable)."""


def _bool(text: str) -> bool:
    text = text.strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError("expected 1/0, true/false, yes/no or on/off")


def _fraction(text: str) -> Fraction:
    value = Fraction(text.strip())
    if not 0 <= value <= 1:
        raise ValueError("expected a share between 0 and 1, such as 2/3 or 0.3")
    return value


def _fraction_pair(text: str) -> tuple[Fraction, Fraction]:
    low, high = (_fraction(part) for part in text.split(","))
    if low > high:
        raise ValueError("expected two shares, the lower first, such as 1/10,3/20")
    return low, high


def _words(text: str) -> tuple[str, ...]:
    return tuple(part.strip().lower().lstrip(".") for part in text.split(",") if part.strip())


def _month_day(text: str) -> str:
    month, day = (int(part) for part in text.strip().split("-"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError('expected "MM-DD", such as 01-31')
    return f"{month:02d}-{day:02d}"


def _positive_int(text: str) -> int:
    number = int(text)
    if number < 0:
        raise ValueError("expected a whole number ≥ 0")
    return number


def _positive_number(text: str) -> float:
    number = float(text)
    if number < 0:
        raise ValueError("expected a number ≥ 0")
    return number


@dataclasses.dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    parse: Callable[[str], Any]
    meaning: str  # for operators, in Vietnamese (docs/SETTINGS.md)
    source: str = ""  # the rule it configures and where the rule comes from
    process_only: bool = False  # read once by settings.py (not a Django setting of its own)
    empty_is_value: bool = False  # set but empty means "none" (a list that may be empty), not the default


SETTINGS: tuple[Setting, ...] = (
    # --- running the server -------------------------------------------------------------------------
    Setting("CAPUY_DEBUG", False, _bool, "Chế độ gỡ lỗi của Django (trang lỗi tiếng Anh kèm mã nguồn; chỉ khi phát triển); không bật khi chạy thật.",
            process_only=True),
    Setting("CAPUY_VAR_DIR", "", str, "Thư mục dữ liệu: CSDL nhúng, khóa bí mật, tệp tải lên; mặc định thư mục `var/` "
            "của mã nguồn (bắt buộc đặt khi cài thành gói); tạo với quyền 0700, các tệp 0600.",
            process_only=True),
    Setting("CAPUY_BEHIND_PROXY", False, _bool,
            "Chạy sau reverse proxy HTTPS: tin tiêu đề `X-Forwarded-Proto`, đặt cookie bảo mật.", process_only=True),
    Setting("CAPUY_BENCH", False, _bool,
            "Chỉ dùng khi đo hiệu năng (`bench/`): mở các điểm cuối tối giản làm mốc so sánh.", process_only=True),
    Setting("CAPUY_LIVE_BACKEND", "", str,
            "Kênh sự kiện trực tiếp giữa các tiến trình: `local`, `redis` hoặc `postgres`; để trống thì tự chọn "
            "(redis khi có `REDIS_URL`, postgres khi dùng PostgreSQL, nếu không thì `local`)."),
    Setting("CAPUY_LIVE_NGINX", "", str,
            "Địa chỉ nơi nginx nhận sự kiện trực tiếp (mô-đun nchan, ví dụ `http://127.0.0.1:8001`): nginx giữ luồng "
            "của các trang theo dõi hội nghị và biểu quyết, capuy chỉ gửi sự kiện tới đó; để trống thì capuy tự giữ "
            "các luồng."),
    # --- conferences, votes and elections ----------------------------------------------------------------
    Setting("CAPUY_QUORUM_FRACTION", Fraction(2, 3), _fraction,
            "Tỷ lệ có mặt tối thiểu của hội nghị thường kỳ, tính trên cơ sở tính (ví dụ `2/3`).",
            "Điều lệ Đảng, Điều 9; Quy định 232-QĐ/TW (2025). Tỷ lệ chưa đối chiếu được với văn bản hiện hành "
            "nên để cấu hình."),
    Setting("CAPUY_EXTRA_CANDIDATES_PREPARED", (Fraction(1, 10), Fraction(3, 20)), _fraction_pair,
            "Số dư trong danh sách bầu cử chuẩn bị sẵn, so với số cần bầu: khoảng `thấp,cao` (ví dụ `1/10,3/20`).",
            "Quy chế bầu cử trong Đảng; Hướng dẫn 04-HD/TW (để cấu hình)."),
    Setting("CAPUY_EXTRA_CANDIDATES_MAX", Fraction(3, 10), _fraction,
            "Số dư tối đa của danh sách bầu cử so với số cần bầu (ví dụ `3/10`).",
            "Quy chế bầu cử trong Đảng (để cấu hình)."),
    Setting("CAPUY_FLOOR_NOMINEE_SUPPORT", Fraction(3, 10), _fraction,
            "Tỷ lệ đại biểu phải tán thành (hơn) để người được đề cử tại hội nghị vào danh sách bầu cử.",
            "Quy chế bầu cử trong Đảng (để cấu hình)."),
    Setting("CAPUY_ELECTION_TIE_REVOTE", True, _bool,
            "Khi nhiều người bằng phiếu ở suất cuối: bầu lại giữa những người bằng phiếu.",
            "Quy chế bầu cử trong Đảng (để cấu hình)."),
    Setting("CAPUY_PAPER_OPERATORS", 2, _positive_int,
            "Số người nhập độc lập (2 hoặc 3) phải khớp nhau khi nhập kết quả phiếu giấy.",
            "Cách kiểm soát nhập phiếu giấy của capuy (không có văn bản quy định)."),
    # --- documents -----------------------------------------------------------------------------------
    Setting("CAPUY_DOCUMENT_UPLOAD_MAX_MB", 20, _positive_int, "Dung lượng tối đa của một tệp đính kèm văn bản (MB)."),
    # --- targets -------------------------------------------------------------------------------------
    Setting("CAPUY_TARGETS_ON_TRACK", 100, _positive_number,
            "Ngưỡng \"đạt tiến độ\" của chỉ tiêu (% so với chỉ tiêu của kỳ)."),
    Setting("CAPUY_TARGETS_AT_RISK", 90, _positive_number,
            "Ngưỡng \"có nguy cơ chậm\" của chỉ tiêu (%); dưới ngưỡng này là \"chậm tiến độ\"."),
    # --- tasks ---------------------------------------------------------------------------------------
    Setting("CAPUY_TASKS_REMIND_DAYS", 7, _positive_int, "Gửi nhắc việc trước hạn bao nhiêu ngày."),
    Setting("CAPUY_TASKS_REGISTRATION_DEADLINE", "01-31", _month_day,
            "Hạn chung đăng ký nhiệm vụ khó khăn, phức tạp trong năm (`MM-DD`).",
            "Chưa tìm được văn bản quy định ngày này (để cấu hình)."),
    Setting("CAPUY_TASKS_EVIDENCE_MAX_MB", 10, _positive_number, "Dung lượng tối đa của một tệp minh chứng (MB)."),
    Setting("CAPUY_TASKS_EVIDENCE_EXTENSIONS", ("pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "jpg", "jpeg", "png"),
            _words, "Đuôi tệp minh chứng được nhận, cách nhau bởi dấu phẩy."),
    # --- portal --------------------------------------------------------------------------------------
    Setting("CAPUY_PORTAL_NAME", "Cổng thông tin điện tử Cấp ủy số", str, "Tên cổng thông tin điện tử."),
    Setting("CAPUY_PORTAL_PAGE_TTL", 120, _positive_int, "Thời gian giữ trang cổng tin trong bộ nhớ đệm (giây)."),
    Setting("CAPUY_PORTAL_VIEW_WINDOW", 30 * 60, _positive_int,
            "Một người đọc lại bài trong khoảng này (giây) chỉ tính một lượt xem."),
    Setting("CAPUY_PORTAL_VISIT_WINDOW", 12 * 60 * 60, _positive_int,
            "Một người vào lại cổng trong khoảng này (giây) chỉ tính một lượt truy cập."),
    Setting("CAPUY_PORTAL_FLUSH_EVERY", 50, _positive_int, "Ghi số lượt xem từ bộ nhớ đệm vào CSDL sau mỗi bấy nhiêu lượt."),
    # --- conferences: who counts ----------------------------------------------------------------------
    Setting("CAPUY_TRANSFERRED_COUNT_IF_ATTENDING", True, _bool,
            "Cấp ủy viên sinh hoạt tạm thời nơi khác được tính vào cơ sở khi có mặt (tắt: không tính cả khi có mặt).",
            "Hướng dẫn 04-HD/TW về quy chế bầu cử (để cấu hình)."),
    # --- live events, cache, files, health, logs (production) -----------------------------------------
    Setting("CAPUY_LIVE_PREFIX", "capuy", str, "Tiền tố kênh Redis của sự kiện trực tiếp (nhiều trang dùng chung một Redis)."),
    Setting("CAPUY_CACHE_PREFIX", "capuy", str, "Tiền tố khóa bộ nhớ đệm Redis.", process_only=True),
    Setting("CAPUY_DB_POOL", 10, _positive_int,
            "Số kết nối PostgreSQL tối đa của mỗi tiến trình (bể kết nối của Django); `0` tắt bể.", process_only=True),
    Setting("CAPUY_DB_POOL_TIMEOUT", 30, _positive_number,
            "Số giây một yêu cầu chờ kết nối rảnh; quá hạn trả 503 \"vui lòng thử lại\".", process_only=True),
    Setting("CAPUY_ACCEL_REDIRECT", "", str,
            "Khi có nginx phía trước: vị trí nội bộ (ví dụ `/_protected/`) để nginx gửi tệp sau khi capuy kiểm tra quyền.",
            process_only=True),
    Setting("CAPUY_MIN_FREE_MB", 200, _positive_int,
            "`/healthz` báo lỗi khi thư mục dữ liệu còn ít dung lượng trống hơn (MB).", process_only=True),
    Setting("CAPUY_LOG_FORMAT", "", str, "Dạng nhật ký: `json` (mặc định khi không gỡ lỗi) hoặc `text`.",
            process_only=True),
    Setting("CAPUY_INBOX_BADGE_SECONDS", 120, _positive_int,
            "Số giây giữ con số \"Việc cần làm\" trên menu của mỗi người giữa hai lần đếm."),
    # --- lists and exports -------------------------------------------------------------------------
    Setting("CAPUY_EXPORT_BACKGROUND_ROWS", 5000, _positive_int,
            "Danh sách xuất Excel có nhiều dòng hơn số này thì xuất bằng việc nền (có thanh tiến độ) thay vì ngay "
            "trong trang."),
    Setting("CAPUY_LIST_MAX_OFFSET", 10000, _positive_int,
            "Mở thẳng một trang theo số trang chỉ khi trang đó cách đầu danh sách không quá số dòng này; xa hơn "
            "thì đi bằng \"Trang sau\", \"Trang trước\", \"Trang cuối\" (nhanh ở mọi độ sâu)."),
    Setting("CAPUY_LIST_COUNT_LIMIT", 10000, _positive_int,
            "Danh sách rất lớn (đảng viên) chỉ đếm đến số này: quá thì ghi \"Có hơn 10.000 …\" kèm liên kết "
            "\"Đếm chính xác\"; đếm hết mọi lần mở trang thì chậm ở cấp tỉnh."),
    Setting("CAPUY_CHOOSER_LIMIT", 20, _positive_int,
            "Số kết quả tối đa của ô tìm-để-chọn (người, tổ chức); còn nữa thì báo \"hãy gõ thêm\"."),
    # --- background work ------------------------------------------------------------------------------
    Setting("CAPUY_QUEUE_WORKERS", 2, _positive_int, "Số tiến trình làm việc nền của `capuy qcluster`.", process_only=True),
    Setting("CAPUY_QUEUE_TIMEOUT", 900, _positive_int, "Số giây tối đa cho một việc nền.", process_only=True),
    Setting("CAPUY_QUEUE_SYNC", False, _bool,
            "Làm việc nền ngay trong yêu cầu, không cần `capuy qcluster` (chỉ để thử).", process_only=True),
    # --- security -------------------------------------------------------------------------------------
    Setting("CAPUY_HSTS_SECONDS", 365 * 24 * 3600, _positive_int, "HSTS max-age khi chạy sau proxy HTTPS (giây).",
            process_only=True),
    Setting("CAPUY_HSTS_INCLUDE_SUBDOMAINS", False, _bool, "HSTS áp dụng cả tên miền con.", process_only=True),
    Setting("CAPUY_HSTS_PRELOAD", False, _bool, "HSTS preload.", process_only=True),
    Setting("CAPUY_LOGIN_FAILURE_LIMIT", 5, _positive_int,
            "Số lần sai mật khẩu liên tiếp thì khóa tên đăng nhập (trang web và /quan-tri/).", process_only=True),
    Setting("CAPUY_LOGIN_LOCKOUT_MINUTES", 30, _positive_int, "Số phút khóa tên đăng nhập.", process_only=True),
    Setting("CAPUY_2FA_REQUIRED_ROLES", ("admin", "office", "committee"), _words,
            "Vai trò bắt buộc xác thực hai bước (TOTP và mã khôi phục), cách nhau bởi dấu phẩy; để trống là không ai.",
            process_only=True, empty_is_value=True),
    Setting("CAPUY_API_TOKEN_DEFAULT_DAYS", 90, _positive_int, "Thời hạn mặc định của mã truy cập API (ngày)."),
    Setting("CAPUY_API_TOKEN_MAX_DAYS", 365, _positive_int, "Thời hạn tối đa của mã truy cập API (ngày)."),
)

DECLARED: dict[str, Setting] = {s.name: s for s in SETTINGS}


def from_environment(name: str, environ=None):
    """The value of ``name`` from the environment (``os.environ``), or its default when unset or empty (set but
    empty is a value of its own for a setting marked ``empty_is_value``).

    A value that cannot be read raises :class:`SettingError` naming the variable, so a mistyped setting
    stops the server at start-up instead of changing a rule silently.
    """
    setting = DECLARED[name]
    environ = os.environ if environ is None else environ
    text = environ.get(name, "")
    if text.strip() == "" and not (setting.empty_is_value and name in environ):
        return setting.default
    try:
        return setting.parse(text)
    except (ValueError, ZeroDivisionError) as exc:
        raise SettingError(f"{name}={text!r} không hợp lệ: {exc}.") from exc


def django_settings(environ=None) -> dict[str, Any]:
    """Every declared setting that is a Django setting, read from the environment (for ``settings.py``)."""
    return {s.name: from_environment(s.name, environ) for s in SETTINGS if not s.process_only}


def value(name: str):
    """The current value of a declared setting: Django settings (overridable in tests), else its default."""
    from django.conf import settings

    return getattr(settings, name, DECLARED[name].default)
