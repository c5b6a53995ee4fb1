#!/usr/bin/env python3
"""The benchmark's peer: the job of `tthc reconcile --format json` written with pandas,
python-holidays and numpy, to compare against on the same input (scripts/bench.sh national).

    scripts/national-peer.py CATALOGUE_DIR OUTPUT.json [--as-of YYYY-MM-DD]

It reads every local/*.csv and decisions/*.xml of a directory written by
scripts/national-data.py, computes each change's publication deadline (3 working days after
the national-database date, else the received date, on the Vietnamese public-sector
calendar of python-holidays), its status as of the day (on time, late, pending, overdue,
not applicable), the differences between the latest version of each procedure and the
local entry, and writes one JSON report. It is the same work, not the same program: it
checks nothing a well-formed input could get wrong, and its figures are for comparison only.
"""
import argparse
import datetime
import glob
import json
import os
import xml.etree.ElementTree as ET

import holidays
import numpy as np
import pandas as pd

NS = "{urn:tthc:decision:1}"
CONTENT = ["processing_time", "fees", "online"]
ONLINE = {"Toàn trình": "full", "Một phần": "partial", "Không": "none"}


def read_local(directory):
    frames = [pd.read_csv(path, dtype=str, keep_default_na=False)
              for path in sorted(glob.glob(os.path.join(directory, "local", "*.csv")))]
    local = pd.concat(frames, ignore_index=True)
    local = local.rename(columns={"Mã TTHC": "local_code", "Tên thủ tục hành chính": "local_name",
                                  "Thời hạn giải quyết": "processing_time", "Phí, lệ phí": "fees",
                                  "Mức độ DVC trực tuyến": "online", "Tình trạng": "status",
                                  "Quyết định công bố": "provincial_decision", "Ngày công bố": "published"})
    local["key"] = local["local_code"].str.slice(0, 8)
    local["in_force"] = local["status"] == "Còn hiệu lực"
    local["published"] = pd.to_datetime(local["published"], format="%d/%m/%Y")
    local["online"] = local["online"].map(ONLINE)
    # The first in-force entry for a key, else the first entry.
    local = local.sort_values("in_force", ascending=False, kind="stable").drop_duplicates("key")
    return local[["key", "local_code", "local_name", "in_force", "published", "provincial_decision"] + CONTENT]


def read_decisions(directory):
    decisions, changes = [], []
    for d, path in enumerate(sorted(glob.glob(os.path.join(directory, "decisions", "*.xml")))):
        for _, element in ET.iterparse(path, events=("end",)):
            if element.tag == NS + "procedure":
                levels = [level.text for level in element.iter(NS + "level")]
                changes.append((d, element.get("code"), element.get("change"), element.findtext(NS + "name"),
                                ",".join(levels), element.findtext(NS + "processing-time"),
                                element.findtext(NS + "fees"), element.findtext(NS + "online-service")))
                element.clear()
            elif element.tag == NS + "decision":
                a = element.attrib
                decisions.append((a["number"], a["issued"], a["effective"], a.get("national-database") or a["received"]))
    decisions = pd.DataFrame(decisions, columns=["number", "issued", "effective", "trigger"])
    for column in ["issued", "effective", "trigger"]:
        decisions[column] = pd.to_datetime(decisions[column], format="%Y-%m-%d")
    changes = pd.DataFrame(changes, columns=["decision", "code", "change", "name", "levels"] + CONTENT)
    return decisions, changes


def days(series):
    return series.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("output")
    parser.add_argument("--as-of", default="2026-11-20")
    args = parser.parse_args()
    as_of = np.datetime64(args.as_of, "D")

    local = read_local(args.directory)
    decisions, changes = read_decisions(args.directory)
    decisions = decisions.sort_values(["effective", "number"], kind="stable").reset_index()
    order = {old: new for new, old in enumerate(decisions["index"])}
    changes["decision"] = changes["decision"].map(order)
    rows = changes.join(decisions, on="decision").merge(local, how="left", left_on="code", right_on="key")

    years = range(2019, 2031)
    calendar = np.array(sorted(holidays.VN(years=years).keys()), dtype="datetime64[D]")
    calendar = np.busdaycalendar(holidays=calendar)
    deadline = np.busday_offset(days(rows["trigger"]), 3, roll="forward", busdaycal=calendar)
    rows["deadline"] = pd.to_datetime(deadline)
    published_on = days(rows["published"])
    listed = rows["key"].notna().to_numpy(dtype=bool)
    in_force = rows["in_force"].fillna(False).to_numpy(dtype=bool)
    abolishing = (rows["change"] == "abolished").to_numpy(dtype=bool)
    published = listed & np.where(abolishing, ~in_force, in_force & (published_on >= days(rows["issued"])))
    published &= published_on <= as_of
    scope = rows["levels"].str.contains("province|commune").to_numpy(dtype=bool)
    late = np.busday_count(deadline, np.where(published, published_on, deadline), busdaycal=calendar)
    overdue = np.busday_count(deadline, np.maximum(deadline, as_of), busdaycal=calendar)
    left = np.busday_count(np.minimum(deadline, as_of), deadline, busdaycal=calendar)
    status = np.select(
        [~scope, abolishing & ~listed, published & (late <= 0), published, as_of <= deadline],
        ["not-applicable", "not-applicable", "on-time", "late", "pending"], default="overdue")
    working_days = np.select([published, as_of <= deadline], [late, left], default=overdue)
    rows["status"] = status
    rows["working_days"] = working_days

    # The latest version of each code against its local entry.
    latest = rows[rows["change"] != "abolished"].drop_duplicates("code", keep="last")
    differences = []
    for field in CONTENT:
        mask = latest["key"].notna() & (latest[field + "_x"].fillna("") != latest[field + "_y"].fillna(""))
        part = latest.loc[mask, ["code", "local_code", field + "_x", field + "_y"]]
        part.columns = ["code", "local", "decision", "catalogue"]
        part.insert(1, "field", field)
        differences.append(part)
    differences = pd.concat(differences).sort_values(["code", "field"], kind="stable")

    rows = rows.sort_values(["status", "deadline", "code"], kind="stable")
    changes_out = pd.DataFrame({
        "decision": rows["number"], "code": rows["code"], "change": rows["change"], "name": rows["name"],
        "trigger": rows["trigger"].dt.strftime("%Y-%m-%d"), "deadline": rows["deadline"].dt.strftime("%Y-%m-%d"),
        "status": rows["status"], "workingDays": rows["working_days"], "local": rows["local_code"]})
    report = {"asOf": args.as_of,
              "changes": json.loads(changes_out.to_json(orient="records", force_ascii=False)),
              "differences": json.loads(differences.to_json(orient="records", force_ascii=False)),
              "counts": {k: int(v) for k, v in rows["status"].value_counts().sort_index().items()}}
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
