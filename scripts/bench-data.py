#!/usr/bin/env python3
"""Generates the benchmark's large inputs, deterministically, into bench-data/ (git-ignored):

- bench-data/annex-50mb.xlsx: an annex workbook of about 50 MB, written with XlsxWriter
  (PyPI) in constant-memory mode: four sheets (each a part of the ZIP within the reader's
  128 MiB part limit), each an annex table under a title and a header, one procedure a row,
  text drawn by a seeded generator so that it compresses about as real annexes do.
- bench-data/decision-200p.pdf: a decision of about 200 pages (205 as LibreOffice Writer 7.4
  lays it out), its annex a ruled table of 6,400 procedures, printed by LibreOffice Writer
  (soffice --headless --convert-to pdf) from generated HTML.

The text is the same on every run (seeded generators); the files' own timestamps are not.
Run by scripts/bench.sh; a file already there is kept (remove bench-data/ to make it again).
"""
import os
import random
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench-data")
WORDS = ("thủ tục cấp giấy phép đăng ký điều chỉnh gia hạn thu hồi chứng nhận hoạt động kinh doanh dịch vụ "
         "lao động việc làm đất đai xây dựng môi trường tài nguyên nước khoáng sản giáo dục đào tạo nghề y tế "
         "dược phẩm thiết bị an toàn thực phẩm văn hóa thể thao du lịch thông tin truyền thông giao thông vận tải "
         "công thương điện lực hóa chất nông nghiệp thủy sản lâm nghiệp tư pháp hộ tịch chứng thực nội vụ tôn giáo "
         "thi đua khen thưởng tài chính ngân sách đầu tư doanh nghiệp hợp tác xã khoa học công nghệ sở hữu trí tuệ "
         "quốc phòng an ninh trật tự người có công bảo trợ xã hội trẻ em bình đẳng giới cá nhân tổ chức nước ngoài").split()
FIELDS = ["Lao động", "Việc làm", "Đất đai", "Xây dựng", "Môi trường", "Y tế", "Giáo dục", "Hộ tịch", "Công thương"]
AGENCIES = ["Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng", "Sở Y tế", "UBND cấp xã", "Sở Công Thương"]
HEADER = ["STT", "Mã TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Cơ quan thực hiện", "Cấp thực hiện",
          "Thời hạn giải quyết", "Phí, lệ phí", "Mức độ DVC trực tuyến"]


ONSETS = "b c ch d đ g gi h k kh l m n ng nh p ph qu r s t th tr v x".split()
RHYMES = "a ai am an ang anh ao au ay e em en eng ê êm ên i im in inh iu o oi om on ong ô ôi ôm ôn ông ơ ơi ơm ơn u ui um un ung ư ưa ưng".split()


def syllable(rng):
    # Names of real annexes repeat a few hundred words; a syllable now and then that no
    # dictionary has (a place, a person, a product) keeps the text from compressing much
    # better than theirs.
    return rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(ONSETS) + rng.choice(RHYMES)


def name(rng):
    return " ".join(syllable(rng) for _ in range(rng.randint(8, 22))).capitalize()


def procedure(rng, n):
    return [str(n), "%d.%06d" % (rng.choice((1, 2, 3)), rng.randrange(1_000_000)), name(rng), rng.choice(FIELDS),
            rng.choice(AGENCIES), rng.choice(["Tỉnh", "Xã", "Tỉnh, Xã"]), "%02d ngày làm việc" % rng.randint(1, 45),
            rng.choice(["Không", "50.000 đồng", "Theo quy định"]), rng.choice(["Toàn trình", "Một phần", ""])]


def workbook(path, rows_per_sheet=148_000, sheets=4):
    import xlsxwriter
    rng = random.Random(20260101)
    wb = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_numbers": False})
    n = 0
    for s in range(sheets):
        ws = wb.add_worksheet("Phụ lục %d" % (s + 1))
        ws.write_row(0, 0, ["DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG"])
        ws.write_row(1, 0, HEADER)
        for r in range(rows_per_sheet):
            n += 1
            ws.write_row(r + 2, 0, procedure(rng, n))
    wb.close()


def pdf(path, pages=200):
    rng = random.Random(20260102)
    rows_per_page = 32
    html = ['<html><head><meta charset="utf-8"><style>table{border-collapse:collapse}td,th{border:1px solid black;'
            'font-size:9pt;padding:2pt}</style></head><body>',
            "<p>ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM</p><p>Số: 1234/QĐ-UBND</p><p>Thử Nghiệm, ngày 05 tháng 01 năm 2026</p>",
            "<p>QUYẾT ĐỊNH</p><p>Về việc công bố danh mục thủ tục hành chính được sửa đổi, bổ sung</p>",
            "<p>Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.</p>",
            "<p>Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.</p>",
            "<p>PHỤ LỤC</p><p>DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG</p>",
            '<table border="1" cellspacing="0" cellpadding="2"><tr>' + "".join("<th>%s</th>" % h for h in HEADER) + "</tr>"]
    for n in range(1, pages * rows_per_page + 1):
        html.append("<tr>" + "".join("<td>%s</td>" % c for c in procedure(rng, n)) + "</tr>")
    html.append("</table></body></html>")
    source = path[:-4] + ".html"
    with open(source, "w", encoding="utf-8") as f:
        f.write("\n".join(html))
    subprocess.run(["soffice", "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
                    "--outdir", os.path.dirname(path), source], check=True, stdout=subprocess.DEVNULL)
    os.remove(source)


def main():
    os.makedirs(ROOT, exist_ok=True)
    xlsx = os.path.join(ROOT, "annex-50mb.xlsx")
    if not os.path.exists(xlsx):
        workbook(xlsx)
    out = os.path.join(ROOT, "decision-200p.pdf")
    if not os.path.exists(out):
        pdf(out)
    for p in (xlsx, out):
        print("bench-data: %s %.1f MB" % (os.path.relpath(p), os.path.getsize(p) / 1e6), file=sys.stderr)


if __name__ == "__main__":
    main()
