#!/usr/bin/python3
# readme.py — the recipes the README shows are the files in samples/pipelines/ that the other
# end-to-end tests run: after each "(samples/pipelines/NAME)" the README's next indented block
# must be that file's lines, comments left out, exactly.  Ends with "N passed, N failed".
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s%s" % (name, (": " + detail) if detail else ""))


def block_after(text, at):
    """The first indented block (4 spaces) after offset at, as lines without the indent."""
    lines, inside = [], False
    for line in text[at:].split("\n")[1:]:
        if line.startswith("    "):
            inside = True
            lines.append(line[4:])
        elif inside and not line.strip():
            lines.append("")
        elif inside:
            break
    while lines and not lines[-1]:
        lines.pop()
    return [l for l in lines if l]


readme = open(os.path.join(TOP, "README"), encoding="utf-8").read()
named = sorted(set(re.findall(r"\(samples/pipelines/([\w.-]+)\)", readme)))
files = sorted(os.listdir(os.path.join(TOP, "samples/pipelines")))
check("every recipe file is in the README", named == files, "%s vs %s" % (named, files))
for m in re.finditer(r"\(samples/pipelines/([\w.-]+)\)", readme):
    path = os.path.join(TOP, "samples/pipelines", m.group(1))
    if not os.path.exists(path):
        check(m.group(1) + ": exists", False)
        continue
    want = [l for l in open(path, encoding="utf-8").read().split("\n")
            if l.strip() and not l.startswith("#")]
    got = block_after(readme, m.end())
    check(m.group(1) + ": the README quotes it", got == want, "%s vs %s" % (got, want))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
