"""Benchmark of the documents app: generating a 15-page resolution, and searching a library of 100,000.

    .venv/bin/python bench/documents.py [--documents 100000] [--runs 3] [--queries 200]

Uses its own PostgreSQL database ``bench_documents`` on ``BENCH_POSTGRES_URL`` (default
``postgres://postgres@127.0.0.1:5432/postgres``), created and migrated here and dropped at the end.

- ``docx_s``: median time to build the DOCX of a 15-page resolution (python-docx);
- ``pdf_s``: median time to convert that DOCX to PDF with LibreOffice headless (each conversion starts
  LibreOffice, as the web request does); ``pdf_pages`` says how long the PDF came out;
- ``search_p95_ms``: 95th percentile of a library search as the API runs it (visibility filter, full-text
  match on the unaccented column, newest first: the count, exact up to 1,000, and the first page of 20), over ``--queries``
  searches of 1–4 unaccented words, by a district office user who may see the whole library;
  ``member_search_p95_ms`` the same for a party member of one cell (visibility narrows it).

Prints on its last line a JSON object with ``docx_s``, ``pdf_s``, ``documents``, ``search_p95_ms`` (and a
few more keys).
"""

import argparse
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB_NAME = "bench_documents"

VOCABULARY = (
    "nghị quyết đại hội đảng bộ quận ban chấp hành ban thường vụ kết luận thông báo kế hoạch báo cáo chỉ thị "
    "hướng dẫn công tác cán bộ phát triển kinh tế xã hội thu ngân sách đầu tư công giải ngân giải phóng mặt bằng "
    "quy hoạch đô thị đất đai môi trường an ninh chính trị trật tự an toàn xây dựng chỉnh đốn đảng chuyển đổi số "
    "cải cách hành chính dân vận mặt trận đoàn thể thanh niên phụ nữ cựu chiến binh học tập làm theo tư tưởng đạo "
    "đức phong cách Hồ Chí Minh kiểm tra giám sát kỷ luật đảng viên chi bộ sinh hoạt văn hóa giáo dục y tế du lịch "
    "thương mại dịch vụ doanh nghiệp hộ kinh doanh sơ kết tổng kết nhiệm kỳ năm tháng quý hội nghị lần thứ"
)
WORDS = VOCABULARY.split()
TYPES = ["NQ", "KL", "TB", "KH", "BC", "CT", "HD", "QĐ", "CV", "TTr", "BB", "CTr", "ĐA"]
RESOLUTION_PARAGRAPH = (
    "Trong 9 tháng năm 2023, Ban Chấp hành, Ban Thường vụ, Thường trực Quận ủy Tây Hồ đã thực hiện nghiêm túc quy chế "
    "làm việc của cấp ủy; lãnh đạo, chỉ đạo thực hiện có hiệu quả các nhiệm vụ chính trị trọng tâm trên địa bàn. Giá "
    "trị sản xuất công nghiệp ngoài quốc doanh tăng 14%; doanh thu thương mại, dịch vụ, du lịch tăng 55,8% so với cùng "
    "kỳ năm 2022; thu, chi ngân sách quận bảo đảm cân đối; cải cách hành chính và ứng dụng công nghệ thông tin đứng "
    "thứ 4/30 quận, huyện toàn thành phố. Tiếp tục đổi mới phương thức lãnh đạo của Đảng; tổ chức học tập, quán triệt, "
    "triển khai các chỉ thị, nghị quyết; đẩy nhanh giải phóng mặt bằng các dự án trọng điểm, dự án dân sinh bức xúc."
)
RESOLUTION_PARAGRAPHS = 58  # calibrated: 14pt body on A4 gives 15 pages


def admin_url() -> str:
    return os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def psql_admin(sql: str):
    import psycopg

    with psycopg.connect(admin_url(), autocommit=True) as conn:
        conn.execute(sql)


def setup_django(tmp: str):
    base = admin_url().rsplit("/", 1)[0]
    os.environ["DATABASE_URL"] = f"{base}/{DB_NAME}"
    os.environ["CAPUY_VAR_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capuy.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_world():
    from capuy.accounts.models import Role, RoleGrant, User
    from capuy.organizations.models import Organization, Person, Term

    K = Organization.Kind
    city = Organization.objects.create(kind=K.PROVINCE, name="Đảng bộ thành phố Hà Nội", committee_name="Thành ủy Hà Nội",
                                       issuer_symbol="TU", place_name="Hà Nội")
    district = Organization.objects.create(parent=city, kind=K.DISTRICT, name="Đảng bộ quận Tây Hồ",
                                           committee_name="Quận ủy Tây Hồ", issuer_symbol="QU", place_name="Tây Hồ",
                                           superior_heading="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI")
    wards = [Organization.objects.create(parent=district, kind=K.GRASSROOTS, name=f"Đảng bộ phường số {i}",
                                         committee_name=f"Đảng ủy phường số {i}", issuer_symbol="ĐU",
                                         place_name="Tây Hồ") for i in range(1, 9)]
    cell = Organization.objects.create(parent=wards[0], kind=K.CELL, name="Chi bộ tổ dân phố số 1")
    terms = {}
    for org in [district, *wards]:
        terms[org.pk] = [
            Term.objects.create(organization=org, congress_number=5, start_year=2015, end_year=2020,
                                start_date=datetime.date(2015, 8, 1), end_date=datetime.date(2020, 8, 14)),
            Term.objects.create(organization=org, congress_number=6, start_year=2020, end_year=2025,
                                start_date=datetime.date(2020, 8, 15)),
        ]
    secretary = Person.objects.create(full_name="Lê Thị Thu Hằng", organization=district)
    office = User.objects.create_user("bench.office")
    RoleGrant.objects.create(user=office, organization=district, role=Role.OFFICE)
    member = User.objects.create_user("bench.member")
    RoleGrant.objects.create(user=member, organization=cell, role=Role.MEMBER)
    return district, wards, terms, secretary, office, member


def fill_library(count, district, wards, terms, secretary):
    """Insert ``count`` issued documents in batches, with the same unaccented search column ``save()`` builds."""
    from capuy.core.vietnamese import search_key
    from capuy.documents.models import Document, DocumentType, Secrecy

    rng = random.Random(36)
    types = {t.symbol: t for t in DocumentType.objects.all()}
    issuers = [district] * 4 + wards
    counters = {}
    batch = []
    for _ in range(count):
        org = rng.choice(issuers)
        day = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(3600))
        term = terms[org.pk][0 if day < datetime.date(2020, 8, 15) else 1]
        symbol = rng.choice(TYPES)
        key = (org.pk, term.pk, symbol)
        counters[key] = counters.get(key, 0) + 1
        title = " ".join(rng.choices(WORDS, k=rng.randint(6, 14)))
        content = " ".join(rng.choices(WORDS, k=rng.randint(60, 160)))
        document = Document(doc_type=types[symbol], organization=org, term=term, number=counters[key],
                            sequence_key=symbol, issued_on=day, title=title, content=content, signer=secretary,
                            status=Document.Status.ISSUED,
                            secrecy=Secrecy.SECRET if rng.random() < 0.03 else Secrecy.NORMAL)
        document.search_text = search_key(" ".join([types[symbol].name, symbol, document.number_label, title,
                                                    org.display_committee, content]))
        batch.append(document)
        if len(batch) == 5000:
            Document.objects.bulk_create(batch)
            batch = []
    if batch:
        Document.objects.bulk_create(batch)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE documents_document")


def resolution(district, secretary, terms):
    from capuy.documents.models import Authority, Document, DocumentType

    return Document(doc_type=DocumentType.objects.get(symbol="NQ"), organization=district, term=terms[district.pk][1],
                    number=12, sequence_key="NQ", issued_on=datetime.date(2023, 10, 5),
                    status=Document.Status.ISSUED, authority=Authority.EXECUTIVE, signer=secretary,
                    title="Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận khóa VI",
                    content="\n".join(f"{i}. {RESOLUTION_PARAGRAPH}" for i in range(1, RESOLUTION_PARAGRAPHS + 1)),
                    recipients="- Thành ủy Hà Nội,\n- Các đồng chí Quận ủy viên,\n- Lưu Văn phòng Quận ủy.")


def pdf_pages(pdf: bytes) -> int | None:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        try:
            out = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return None
    return next((int(line.split()[-1]) for line in out.splitlines() if line.startswith("Pages:")), None)


def time_search(user, queries):
    from capuy.documents.library import capped_count, find

    timings = []
    for q in queries:
        start = time.perf_counter()
        documents = find(user, q=q)
        capped_count(documents)
        list(documents[:20])
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def p95(values):
    return statistics.quantiles(values, n=20)[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (to inspect it)")
    args = parser.parse_args()

    psql_admin(f"DROP DATABASE IF EXISTS {DB_NAME}")
    psql_admin(f"CREATE DATABASE {DB_NAME}")
    result = {}
    try:
        with tempfile.TemporaryDirectory(prefix="capuy-bench-documents-") as tmp:
            setup_django(tmp)
            from capuy.core.vietnamese import search_key
            from capuy.documents.generation import build_docx, docx_to_pdf

            district, wards, terms, secretary, office, member = build_world()
            document = resolution(district, secretary, terms)

            docx_times, pdf_times, pdf = [], [], b""
            for _ in range(args.runs):
                start = time.perf_counter()
                docx = build_docx(document)
                docx_times.append(time.perf_counter() - start)
                start = time.perf_counter()
                pdf = docx_to_pdf(docx)
                pdf_times.append(time.perf_counter() - start)
            print(f"DOCX {statistics.median(docx_times):.3f} s, PDF {statistics.median(pdf_times):.2f} s, "
                  f"{pdf_pages(pdf)} trang", file=sys.stderr)

            start = time.perf_counter()
            fill_library(args.documents, district, wards, terms, secretary)
            fill_s = time.perf_counter() - start
            print(f"Nạp {args.documents} văn bản: {fill_s:.1f} s", file=sys.stderr)

            rng = random.Random(5)
            vocabulary = sorted({search_key(w) for w in WORDS if len(w) > 1})
            queries = [" ".join(rng.sample(vocabulary, rng.randint(1, 4))) for _ in range(args.queries)]
            queries[:3] = ["nghi quyet dai hoi", "Nghị quyết Đại hội", "thu ngan sa"]
            time_search(office, queries[:10])  # warm the cache
            office_ms = time_search(office, queries)
            member_ms = time_search(member, queries)
            result = {
                "docx_s": round(statistics.median(docx_times), 3),
                "pdf_s": round(statistics.median(pdf_times), 2),
                "pdf_pages": pdf_pages(pdf),
                "documents": args.documents,
                "search_p95_ms": round(p95(office_ms), 1),
                "search_median_ms": round(statistics.median(office_ms), 1),
                "member_search_p95_ms": round(p95(member_ms), 1),
                "library_fill_s": round(fill_s, 1),
            }
            from django.db import connections

            connections.close_all()
    finally:
        if not args.keep:
            psql_admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
