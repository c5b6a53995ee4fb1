#!/usr/bin/env python3
"""Reads every annex of the real-annex corpus with `tthc inspect --format tsv` and compares
what it read with the file's expected extraction.

    scripts/corpus.py [--tthc PATH] [--dir Tests/Corpus/annexes] [-v]

Without --dir it reads Tests/Corpus/annexes (CSV), Tests/Corpus/office (Word and Excel)
and Tests/Corpus/webpdf (saved web pages and PDFs), and prints the figure of each source
(csv, xlsx, docx, html, pdf) as well as the whole.

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
    dirs = args.dir or [os.path.join(root, "Tests", "Corpus", d) for d in ("annexes", "office", "webpdf")]

    right = total = whole = files = 0
    per_source = {}
    for d in dirs:
        for name in sorted(os.listdir(d)):
            ext = os.path.splitext(name)[1].lower()
            if ext not in (".csv", ".xlsx", ".docx", ".html", ".htm", ".pdf", ".shared"):
                continue
            stem = os.path.join(d, name[:-len(ext)])
            document = stem + ext
            if ext == ".shared":
                # NAME.shared names the shared real document (beside the repository) that
                # stands for NAME; it is read in place.
                with open(document, encoding="utf-8") as f:
                    target = f.read().strip()
                document = os.path.join(os.path.dirname(root), "shared", "real-documents", target)
                stem, ext = os.path.splitext(stem)
                ext = ext.lower()
            expected_path = stem + ".expected.tsv"
            if not os.path.exists(expected_path):
                continue
            with open(expected_path, encoding="utf-8-sig") as f:
                expected = [norm(l) for l in f.read().splitlines()[1:] if l.strip()]
            cmd = [args.tthc, "inspect", document, "--format", "tsv", "--lang", "en"]
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
            source = {".htm": "html"}.get(ext, ext[1:])
            r, t, w, n = per_source.get(source, (0, 0, 0, 0))
            per_source[source] = (r + ok, t + len(expected), w + is_whole, n + 1)
            if not is_whole:
                print(f"{os.path.relpath(stem + ext, root)}: {ok}/{len(expected)} right, {len(got)} read"
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
    for source in sorted(per_source):
        r, t, w, n = per_source[source]
        print(f"{source}: {r}/{t} procedures read right, {w}/{n} files whole")
    print(f"{right}/{total} procedures read right, {whole}/{files} files whole")
    return 0


if __name__ == "__main__":
    sys.exit(main())
