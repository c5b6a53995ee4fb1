#!/usr/bin/env python3
"""Reads every annex of the real-annex corpus with `tthc inspect --format tsv` and compares
what it read with the file's expected extraction.

    scripts/corpus.py [--tthc PATH] [--dir Tests/Corpus/annexes] [-v]

A procedure is read right when its code (or "-" for none), change type, levels, replaced
codes and name all equal the expected line; procedures are paired in document order
(difflib), so one missed row costs one procedure, not the rest of the file. A file is
whole when every procedure is read right and nothing extra is read. Prints one line per
file with a difference (every difference with -v) and the totals:

    N/M procedures read right, K/F files whole

The decision title, for annexes whose table names no change type, is the `Title:` line
of the file's `.source.md`.
"""
import argparse
import difflib
import os
import subprocess
import sys
import unicodedata


def norm(line):
    fields = line.rstrip("\n").split("\t")
    if len(fields) != 5:
        return tuple(fields)
    code, change, levels, replaces, name = fields
    name = " ".join(unicodedata.normalize("NFC", name).split())
    code = code.replace(" ", "")
    replaces = replaces.replace(" ", "")
    return (code, change, levels, replaces, name)


def title_of(source_md):
    try:
        with open(source_md, encoding="utf-8") as f:
            for line in f:
                s = line.strip().lstrip("-* ").strip()
                if s.lower().startswith("title:"):
                    return s[len("title:"):].strip().strip("`\"")
    except FileNotFoundError:
        pass
    return None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--tthc", default=os.path.join(root, ".build", "debug", "tthc"))
    ap.add_argument("--dir", action="append")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    dirs = args.dir or [os.path.join(root, "Tests", "Corpus", "annexes")]

    right = total = whole = files = 0
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if not name.endswith(".csv"):
                continue
            stem = os.path.join(d, name[:-4])
            expected_path = stem + ".expected.tsv"
            if not os.path.exists(expected_path):
                continue
            with open(expected_path, encoding="utf-8-sig") as f:
                expected = [norm(l) for l in f.read().splitlines()[1:] if l.strip()]
            cmd = [args.tthc, "inspect", stem + ".csv", "--format", "tsv", "--lang", "en"]
            title = title_of(stem + ".source.md")
            if title:
                cmd += ["--title", title]
            run = subprocess.run(cmd, capture_output=True, text=True)
            got = [norm(l) for l in run.stdout.splitlines()[1:] if l.strip()]
            files += 1
            total += len(expected)
            matcher = difflib.SequenceMatcher(a=expected, b=got, autojunk=False)
            ok = sum(block.size for block in matcher.get_matching_blocks())
            right += ok
            is_whole = ok == len(expected) == len(got) and run.returncode == 0
            whole += is_whole
            if not is_whole:
                print(f"{os.path.relpath(stem + '.csv', root)}: {ok}/{len(expected)} right, {len(got)} read"
                      + (f", exit {run.returncode}" if run.returncode else ""))
                if args.verbose:
                    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                        if tag == "equal":
                            continue
                        for e in expected[i1:i2]:
                            print("   - expected " + "\t".join(e))
                        for g in got[j1:j2]:
                            print("   + read     " + "\t".join(g))
                    if run.stderr.strip():
                        for l in run.stderr.strip().splitlines()[:8]:
                            print("   ! " + l)
    print(f"{right}/{total} procedures read right, {whole}/{files} files whole")
    return 0


if __name__ == "__main__":
    sys.exit(main())
