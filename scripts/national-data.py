#!/usr/bin/env python3
"""Writes a national-scale catalogue directory for the benchmark (scripts/bench.sh national).

    scripts/national-data.py [--scale N] [--out DIR]

At scale 1: 34 provinces x 2,000 local entries in 34 CSV files (local/), 20,000 ministry
changes in 340 XML listings (decisions/), about 27 MB; scale N multiplies the entries and
the changes (the file counts stay). The default output is bench-data/national-<N>x/
(git-ignored). The content is a fixed function of the seed: the same bytes every run, so
figures from different runs and branches are comparable.

Each local entry has a code of its own (the province's suffix .H01...H34 on a national
code); a change names one of those codes, or now and then a code no province lists, so
every status of the report occurs: on time, late, overdue, pending, not applicable.
"""
import argparse
import datetime
import os
import random
import shutil
import sys

PROVINCES = 34
ENTRIES_PER_PROVINCE = 2_000
CHANGES = 20_000
LISTINGS = 340
SEED = 0x74746863

FIELDS = ["An toàn bức xạ và hạt nhân", "Sở hữu trí tuệ", "Tiêu chuẩn đo lường chất lượng",
          "Hoạt động khoa học và công nghệ", "Chuyển giao công nghệ", "Năng lượng nguyên tử"]
LEVELS = [("Tỉnh", ["province"]), ("Tỉnh, Xã", ["province", "commune"]), ("Xã", ["commune"])]
ONLINE = [("Toàn trình", "full"), ("Một phần", "partial"), ("Không", "none")]
START = datetime.date(2024, 1, 1)


def code(n):
    return "%d.%06d" % (1 + n // 1_000_000, n % 1_000_000)


def vn(date):
    return date.strftime("%d/%m/%Y")


def write_settings(out):
    with open(os.path.join(out, "settings.yaml"), "w", encoding="utf-8", newline="\n") as f:
        f.write("province: Toàn quốc (dữ liệu đo hiệu năng)\n"
                "agency: Các sở Khoa học và Công nghệ\n"
                "deadline-working-days: 3\n"
                "trigger-policy: national-database-first\n"
                "scope:\n  levels: [province, commune]\n")


def decision_dates(rng, listings):
    dates = []
    for _ in range(listings):
        issued = START + datetime.timedelta(days=rng.randrange(1050))
        national = None if rng.randrange(10) == 0 else issued + datetime.timedelta(days=3)
        dates.append((issued, issued + datetime.timedelta(days=30), national, issued + datetime.timedelta(days=4)))
    return dates


def write_local(out, rng, scale, dates):
    per_province = ENTRIES_PER_PROVINCE * scale
    header = ("STT,Mã TTHC,Tên thủ tục hành chính,Lĩnh vực,Cấp thực hiện,Cơ quan thực hiện,Thời hạn giải quyết,"
              "\"Phí, lệ phí\",Mức độ DVC trực tuyến,Tình trạng,Quyết định công bố,Ngày công bố,Ngày công khai,"
              "Quyết định của Bộ,Hiệu lực đến\n")
    os.makedirs(os.path.join(out, "local"))
    for p in range(PROVINCES):
        lines = [header]
        for i in range(per_province):
            n = p * per_province + i
            field = FIELDS[n % len(FIELDS)]
            level = LEVELS[n % 7 % 3][0] if n % 7 < 3 else "Tỉnh"
            days = 5 + n % 20
            time = "%02d ngày làm việc" % days if rng.randrange(8) else "%02d ngày" % days
            fees = "Không" if n % 3 else "\"Lệ phí: %d.000 đồng; phí %d.000\"" % (100 + n % 9 * 50, 500 + n % 5 * 100)
            online = ONLINE[rng.randrange(3)][0]
            status = "Đã bãi bỏ" if rng.randrange(15) == 0 else "Còn hiệu lực"
            published = START + datetime.timedelta(days=rng.randrange(1050))
            ministry = "%d/QĐ-BKHCN" % (rng.randrange(len(dates)) + 1)
            name = "Thủ tục chứng nhận số %d về %s" % (n, field.lower())
            if n % 11 == 0:
                name = "\"Thủ tục cấp, cấp lại giấy phép \"\"tiến hành\"\" công việc số %d\"" % n
            lines.append("%d,%s.000.00.00.H%02d,%s,%s,%s,Sở Khoa học và Công nghệ,%s,%s,%s,%s,%d/QĐ-UBND,%s,%s,%s,\n" % (
                i + 1, code(n), p + 1, name, field, "\"%s\"" % level if "," in level else level, time, fees, online, status,
                1000 + n % 9000, vn(published), vn(published + datetime.timedelta(days=3)), ministry))
        with open(os.path.join(out, "local", "p%02d.csv" % (p + 1)), "w", encoding="utf-8", newline="\n") as f:
            f.writelines(lines)


def write_decisions(out, rng, scale, dates):
    code_space = PROVINCES * ENTRIES_PER_PROVINCE * scale
    per_listing = CHANGES * scale // LISTINGS
    extra = CHANGES * scale - per_listing * LISTINGS
    os.makedirs(os.path.join(out, "decisions"))
    kinds = ["new", "amended", "amended", "replaced", "abolished"]
    for d, (issued, effective, national, received) in enumerate(dates):
        number = "%d/QĐ-BKHCN" % (d + 1)
        parts = ['<?xml version="1.0" encoding="UTF-8"?>\n',
                 '<decision xmlns="urn:tthc:decision:1" number="%s" issuer="Bộ Khoa học và Công nghệ"\n'
                 '          issued="%s" effective="%s"%s received="%s" scope="changes">\n' % (
                     number, issued.isoformat(), effective.isoformat(),
                     ' national-database="%s"' % national.isoformat() if national else "", received.isoformat())]
        for _ in range(per_listing + (1 if d < extra else 0)):
            # One change in twenty names a code no province lists.
            n = rng.randrange(code_space + code_space // 20)
            kind = kinds[rng.randrange(len(kinds))]
            level = ["<level>central</level>"] if rng.randrange(25) == 0 else ["<level>%s</level>" % l for l in LEVELS[n % 7 % 3][1]]
            field = FIELDS[n % len(FIELDS)]
            replaces = "\n    <replaces>%s</replaces>" % code(rng.randrange(code_space)) if kind == "replaced" else ""
            parts.append('  <procedure code="%s" change="%s">%s\n' % (code(n), kind, replaces))
            parts.append("    <name>Thủ tục chứng nhận số %d về %s</name>\n" % (n, field.lower()))
            parts.append("    <field>%s</field>\n    <levels>%s</levels>\n" % (field, "".join(level)))
            parts.append("    <agency>Sở Khoa học và Công nghệ</agency>\n")
            if kind != "abolished":
                parts.append("    <processing-time>%02d ngày làm việc</processing-time>\n" % (5 + n % 20))
                parts.append("    <fees>%s</fees>\n" % ("Không" if n % 3 else "Lệ phí: %d.000 đồng" % (100 + n % 9 * 50)))
                parts.append("    <online-service>%s</online-service>\n" % ONLINE[n % 3][1])
            parts.append("    <legal-basis>Thông tư %d/2026/TT-BKHCN</legal-basis>\n  </procedure>\n" % (1 + d % 40))
        parts.append("</decision>\n")
        name = "%04d-QD-BKHCN.xml" % (d + 1)
        with open(os.path.join(out, "decisions", name), "w", encoding="utf-8", newline="\n") as f:
            f.writelines(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--out")
    args = parser.parse_args()
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    out = args.out or os.path.join(root, "bench-data", "national-%dx" % args.scale)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    rng = random.Random(SEED)
    dates = decision_dates(rng, LISTINGS)
    write_settings(out)
    write_local(out, rng, args.scale, dates)
    write_decisions(out, rng, args.scale, dates)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    print("%s: %.1f MB" % (os.path.relpath(out), size / 1e6), file=sys.stderr)


if __name__ == "__main__":
    main()
