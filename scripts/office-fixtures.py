#!/usr/bin/env python3
"""Builds the Word and Excel fixtures of Tests/Corpus/office/ that no real file could be
found for, with LibreOffice doing every conversion (no Office XML is written by hand):

    scripts/office-fixtures.py            # needs soffice (libreoffice-writer/calc)

Word: a decision laid out as Decree 30/2020/NĐ-CP prescribes (header table with the
issuing body and "Số:", the national motto and the place and date; "QUYẾT ĐỊNH"; the
title; the articles) around a real annex table of the corpus (Tests/Corpus/annexes/<stem>.csv,
transcribed from the published decision), written as HTML (section rows merged across the
table, as published) and converted with `soffice --convert-to docx`. Only what the
annex's source note says about the decision is written: when it does not give the
effective date, no article sets one.

Excel: the same annex CSV converted with `soffice --convert-to xlsx`.

Each fixture gets `<name>.source.md` and `<name>.expected.tsv` (the annex's own expected
extraction, made for the CSV independently of the Word/Excel readers).

Also the reader fixtures of Tests/TTHCKitTests/Fixtures/office/ (`features.*`): a workbook
of two sheets written by openpyxl (inline strings, the 1904 date system, a date, a
fixed-decimals number, a formula, a merged title and a merged cell over two rows) and the
same workbook saved again by LibreOffice (shared strings, formulas with cached values);
a Word table with cells merged across (`gridSpan`) and down (`vMerge`) and a cell of
two paragraphs; and a Word annex numbered by Word's lists (`numbered.docx`); both from
HTML through LibreOffice. `scripts/office-fixtures.py NAME…` rebuilds only those.
"""
import csv
import html
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANNEXES = os.path.join(ROOT, "Tests", "Corpus", "annexes")
OUT = os.path.join(ROOT, "Tests", "Corpus", "office")

# stem, issuer lines, number, place and date, title, effective article (or None), signer
WORD = [
    ("bo-cong-thuong-2025-3361-qd-bct", ["BỘ CÔNG THƯƠNG"], "3361/QĐ-BCT", "Hà Nội, ngày 18 tháng 11 năm 2025",
     "Về việc công bố thủ tục hành chính sửa đổi, bổ sung ban hành trong lĩnh vực xuất nhập khẩu thuộc phạm vi chức năng quản lý của Bộ Công Thương",
     "Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 5 năm 2026.", "BỘ TRƯỞNG BỘ CÔNG THƯƠNG"),
    ("bo-tai-chinh-2025-4014-qd-btc", ["BỘ TÀI CHÍNH"], "4014/QĐ-BTC", "Hà Nội, ngày 01 tháng 12 năm 2025",
     "Về việc công bố thủ tục hành chính bị bãi bỏ trong lĩnh vực kế toán, kiểm toán thuộc phạm vi chức năng quản lý của Bộ Tài chính",
     "Quyết định này có hiệu lực thi hành kể từ ngày 01/01/2026.", "BỘ TRƯỞNG BỘ TÀI CHÍNH"),
    ("bo-tu-phap-2025-3303-qd-btp", ["BỘ TƯ PHÁP"], "3303/QĐ-BTP", "Hà Nội, ngày 19 tháng 11 năm 2025",
     "Về việc công bố thủ tục hành chính được sửa đổi, bổ sung trong lĩnh vực đăng ký biện pháp bảo đảm thuộc phạm vi chức năng quản lý nhà nước của Bộ Tư pháp",
     None, "BỘ TRƯỞNG BỘ TƯ PHÁP"),
    ("bo-y-te-2025-3618-qd-byt", ["BỘ Y TẾ"], "3618/QĐ-BYT", "Hà Nội, ngày 24 tháng 11 năm 2025",
     "Về việc công bố thủ tục hành chính được sửa đổi, bổ sung trong lĩnh vực thiết bị y tế quy định tại Thông tư số 44/2025/TT-BYT thuộc phạm vi chức năng quản lý của Bộ Y tế",
     None, "BỘ TRƯỞNG BỘ Y TẾ"),
]

EXCEL = ["bo-y-te-2025-3618-qd-byt", "ha-giang-2022-378-QD-UBND"]


def dialect(stem):
    with open(os.path.join(ANNEXES, stem + ".csv"), encoding="utf-8-sig", newline="") as f:
        return csv.Sniffer().sniff(f.read(4096), delimiters=",;\t")


def read_csv(stem):
    with open(os.path.join(ANNEXES, stem + ".csv"), encoding="utf-8-sig", newline="") as f:
        return [row for row in csv.reader(f, dialect(stem))]


def is_header(row):
    folded = " ".join(c.lower() for c in row)
    return ("tên" in folded or "ten" in folded) and sum(1 for c in row if c.strip()) >= 2 and (
        "stt" in folded or "mã" in folded or "lĩnh vực" in folded)


def cell(text, tag="td", span=1):
    lines = [html.escape(l) for l in text.split("\n")]
    attr = f' colspan="{span}"' if span > 1 else ""
    return f"<{tag}{attr}>" + "<br/>".join(lines) + f"</{tag}>"


def annex_html(rows):
    out = []
    i = 0
    while i < len(rows) and not is_header(rows[i]):
        text = " ".join(c for c in rows[i] if c.strip())
        if text:
            out.append(f'<p align="center"><b>{html.escape(text)}</b></p>')
        i += 1
    width = max(len(r) for r in rows[i:]) if i < len(rows) else 1
    out.append('<table border="1" cellspacing="0" cellpadding="4">')
    for row in rows[i:]:
        row = row + [""] * (width - len(row))
        filled = [c for c in row if c.strip()]
        if not filled:
            continue
        if len(filled) == 1 and row[0].strip() and not row[0].strip().rstrip(".").isdigit():
            out.append("<tr>" + cell(row[0], span=width) + "</tr>")  # a section row, merged across
        else:
            out.append("<tr>" + "".join(cell(c) for c in row) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def decision_html(spec, rows):
    stem, issuer, number, place_date, title, effective, signer = spec
    articles = [
        f"<p><b>Điều 1.</b> Công bố kèm theo Quyết định này danh mục thủ tục hành chính.</p>",
    ]
    if effective:
        articles.append(f"<p><b>Điều 2.</b> {html.escape(effective)}</p>")
    articles.append(f"<p><b>Điều {len(articles) + 1}.</b> Chánh Văn phòng Bộ và Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.</p>")
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"/><title>{html.escape(number)}</title></head><body>
<table border="0" width="100%"><tr>
<td align="center"><b>{'<br/>'.join(html.escape(l) for l in issuer)}</b><br/>-------<br/>Số: {html.escape(number)}</td>
<td align="center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br/>Độc lập - Tự do - Hạnh phúc</b><br/>---------------<br/><i>{html.escape(place_date)}</i></td>
</tr></table>
<p align="center"><b>QUYẾT ĐỊNH</b></p>
<p align="center"><b>{html.escape(title)}</b></p>
<p align="center"><b>{html.escape(signer)}</b></p>
<p>Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ về kiểm soát thủ tục hành chính;</p>
<p align="center"><b>QUYẾT ĐỊNH:</b></p>
{''.join(articles)}
<p align="right"><b>BỘ TRƯỞNG</b></p>
{annex_html(rows)}
</body></html>
"""


def soffice(src, fmt, filt, outdir):
    cmd = ["soffice", "--headless", "--norestore"]
    if filt:
        cmd += ["--infilter=" + filt]
    cmd += ["--convert-to", fmt, "--outdir", outdir, src]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)


def note(stem, kind, how):
    src = open(os.path.join(ANNEXES, stem + ".source.md"), encoding="utf-8").read()
    first = src.splitlines()[0].lstrip("# ").strip()
    return f"""# {first} — as a {kind} file built with LibreOffice

- **Why built:** no real {kind} file of a publication decision was found in the public repositories
  searched (see `Tests/Corpus/office/README.md`); this is the closest faithful fixture.
- **Annex:** the real annex table of `Tests/Corpus/annexes/{stem}.csv` (its source note says where it was
  transcribed from), unchanged.
- **How:** {how}
- **Expected extraction:** `Tests/Corpus/annexes/{stem}.expected.tsv`, made for the CSV.
- **Regenerate:** `scripts/office-fixtures.py`.
"""


FEATURES = os.path.join(ROOT, "Tests", "TTHCKitTests", "Fixtures", "office")

FEATURES_DOCX = """<!DOCTYPE html>
<html><head><meta charset="utf-8"/></head><body>
<p>DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG</p>
<table border="1" cellspacing="0">
<tr><td>STT</td><td>Mã TTHC</td><td>Tên thủ tục hành chính</td><td>Lĩnh vực</td></tr>
<tr><td colspan="4">A. Thủ tục hành chính cấp tỉnh</td></tr>
<tr><td>1</td><td>1.013010</td><td><p>Thủ tục công nhận</p><p>kết quả nghiên cứu</p></td><td rowspan="2">Khoa học và Công nghệ</td></tr>
<tr><td>2</td><td>1.013012</td><td>Thủ tục cấp giấy xác nhận</td></tr>
</table>
<p>Tổng số: 02 thủ tục</p>
</body></html>
"""


NUMBERED_DOCX = """<!DOCTYPE html>
<html><head><meta charset="utf-8"/></head><body>
<p>PHỤ LỤC</p>
<ol type="I"><li>Danh mục thủ tục hành chính mới ban hành</li></ol>
<table border="1" cellspacing="0">
<tr><td>STT</td><td>Tên thủ tục hành chính</td><td>Lĩnh vực</td></tr>
<tr><td><ol><li></li></ol></td><td>Thủ tục cấp phép A</td><td>Hóa chất</td></tr>
<tr><td><ol start="2"><li></li></ol></td><td>Thủ tục cấp phép B</td><td></td></tr>
</table>
<ol type="I" start="2"><li>Danh mục thủ tục hành chính bị bãi bỏ</li></ol>
<ol type="a"><li>Thủ tục hành chính cấp tỉnh</li><li>Thủ tục hành chính cấp xã</li></ol>
</body></html>
"""


def numbered(tmp):
    """A Word annex numbered by Word itself: headings as lists (I., II., a., b.) and the STT
    column as list items that hold no text."""
    src = os.path.join(tmp, "numbered.html")
    with open(src, "w", encoding="utf-8") as f:
        f.write(NUMBERED_DOCX)
    soffice(src, "docx:MS Word 2007 XML", "HTML (StarWriter)", tmp)
    shutil.copy(os.path.join(tmp, "numbered.docx"), os.path.join(FEATURES, "numbered.docx"))


def features(tmp):
    import datetime
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    os.makedirs(FEATURES, exist_ok=True)
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Mới ban hành"
    ws.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH"])
    ws.merge_cells("A1:E1")
    ws.append(["STT", "Mã TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Căn cứ pháp lý"])
    ws.append([1, "1.013010", "Thủ tục công nhận kết quả\nnghiên cứu", "Khoa học", datetime.date(2026, 3, 5)])
    ws["E3"].number_format = "dd/mm/yyyy"
    ws.append([2, 1.01069, "Thủ tục cấp giấy xác nhận", "Công nghệ", "=\"Thông tư \"&\"20/2026/TT-BKHCN\""])
    ws["B4"].number_format = "0.000000"
    ws.append([3, "1.013012", "Thủ tục thẩm định", None, "=2+3"])
    ws.merge_cells("D4:D5")
    ws2 = wb.create_sheet("Không tiêu đề")
    ws2.append(["STT", "Mã TTHC", "Tên thủ tục hành chính"])
    ws2.append([1, "2.000001", "Thủ tục trên trang thứ hai"])
    wb.create_sheet("Trống")
    written = os.path.join(FEATURES, "features-openpyxl.xlsx")
    wb.save(written)
    soffice(written, "xlsx:Calc MS Excel 2007 XML", None, tmp)
    shutil.copy(os.path.join(tmp, "features-openpyxl.xlsx"), os.path.join(FEATURES, "features-libreoffice.xlsx"))
    src = os.path.join(tmp, "features.html")
    with open(src, "w", encoding="utf-8") as f:
        f.write(FEATURES_DOCX)
    soffice(src, "docx:MS Word 2007 XML", "HTML (StarWriter)", tmp)
    shutil.copy(os.path.join(tmp, "features.docx"), os.path.join(FEATURES, "features.docx"))


def main():
    if not shutil.which("soffice"):
        sys.exit("soffice not found: install libreoffice-writer-nogui and libreoffice-calc-nogui")
    os.makedirs(OUT, exist_ok=True)
    only = sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        if only:  # e.g. `scripts/office-fixtures.py numbered`: rebuild only those
            for name in only:
                globals()[name](tmp)
            return
        features(tmp)
        numbered(tmp)
        for spec in WORD:
            stem = spec[0]
            src = os.path.join(tmp, stem + ".html")
            with open(src, "w", encoding="utf-8") as f:
                f.write(decision_html(spec, read_csv(stem)))
            soffice(src, "docx:MS Word 2007 XML", "HTML (StarWriter)", tmp)
            name = stem + ".word"
            shutil.copy(os.path.join(tmp, stem + ".docx"), os.path.join(OUT, name + ".docx"))
            shutil.copy(os.path.join(ANNEXES, stem + ".expected.tsv"), os.path.join(OUT, name + ".expected.tsv"))
            how = ("the decision's header, title and articles written from what the annex's source note says "
                   "(number, issuer, place and date, title" + (", effective date" if spec[5] else "; it gives no effective date, so "
                   "no article sets one") + "), the annex after them with section rows merged across, as HTML, converted with "
                   "`soffice --headless --infilter='HTML (StarWriter)' --convert-to 'docx:MS Word 2007 XML'`.")
            with open(os.path.join(OUT, name + ".source.md"), "w", encoding="utf-8") as f:
                f.write(note(stem, "Word", how))
        for stem in EXCEL:
            src = os.path.join(tmp, stem + ".csv")
            shutil.copy(os.path.join(ANNEXES, stem + ".csv"), src)
            soffice(src, "xlsx:Calc MS Excel 2007 XML", f"CSV:{ord(dialect(stem).delimiter)},34,76,1", tmp)
            name = stem + ".excel"
            shutil.copy(os.path.join(tmp, stem + ".xlsx"), os.path.join(OUT, name + ".xlsx"))
            shutil.copy(os.path.join(ANNEXES, stem + ".expected.tsv"), os.path.join(OUT, name + ".expected.tsv"))
            with open(os.path.join(OUT, name + ".source.md"), "w", encoding="utf-8") as f:
                f.write(note(stem, "Excel", "the CSV opened in LibreOffice Calc (UTF-8) and saved as .xlsx with "
                             "`soffice --headless --convert-to 'xlsx:Calc MS Excel 2007 XML'`."))
    print("fixtures written to", os.path.relpath(OUT, ROOT))


if __name__ == "__main__":
    main()
