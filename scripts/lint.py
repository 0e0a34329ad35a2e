#!/usr/bin/env python3
"""make lint: formatting and the module rules of docs/ARCHITECTURE.md.

1. `swift format lint --strict` over Sources/ and Tests/ with the committed .swift-format.
2. Declared dependencies equal imports: every project module or package product a target imports is declared
   in Package.swift for that target, and every declared one is imported by some file of the target.
3. Only XlsxWriter imports the C module (CXlsxWriter); C snake_case types do not appear above it; CloseRunner
   reaches the workbooks only through Report.
4. Ingest names no rule: no close rule code, no validation type (the ingest reads and types rows, nothing else).
5. SalesCore and Report touch no files: no file-system API in them.
6. Rule codes are typed: no code written as a string literal (`"EXP-LATE"`, `hasPrefix("COM-")`) outside
   Sources/SalesCore/Codes.swift, so a misspelt code does not compile.

Exits 1 with one `file:line: lint: …` line per finding; prints `lint: ok (N files)` otherwise.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
findings = []


def swift_files(folder):
    for base, _, names in os.walk(folder):
        for n in sorted(names):
            if n.endswith(".swift"):
                yield os.path.join(base, n)


def lines_of(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def code_lines(path):
    """(line number, text) with // comments and string-free doc comments left out."""
    for i, l in enumerate(lines_of(path), 1):
        s = l.strip()
        if s.startswith("//") or s.startswith("*") or s.startswith("/*"):
            continue
        yield i, l


# 1. formatting
fmt = subprocess.run(["swift", "format", "lint", "--strict", "-r", "Sources", "Tests", "Package.swift"],
                     capture_output=True, text=True)
for l in (fmt.stdout + fmt.stderr).splitlines():
    if l.strip():
        findings.append(l.replace(ROOT + "/", "") + "  (run: swift format format -i -r Sources Tests Package.swift)")

# 2. dependencies = imports
dump = json.loads(subprocess.run(["swift", "package", "dump-package"], capture_output=True, text=True, check=True).stdout)
targets = {t["name"]: t for t in dump["targets"]}
SYSTEM = {"Foundation", "FoundationXML", "FoundationEssentials", "Glibc", "Darwin", "Dispatch", "XCTest", "Testing", "Musl"}
import_re = re.compile(r"^\s*(?:@testable\s+|@_implementationOnly\s+)?import\s+(?:struct\s+|enum\s+|class\s+|func\s+)?([A-Za-z_][A-Za-z0-9_]*)")
for name, t in targets.items():
    if t["type"] == "system":
        continue
    folder = t.get("path") or (("Tests/" if t["type"] == "test" else "Sources/") + name)
    declared = set()
    for d in t.get("dependencies", []):
        if "byName" in d:
            declared.add(d["byName"][0])
        elif "target" in d:
            declared.add(d["target"][0])
        elif "product" in d:
            declared.add(d["product"][0])
    imported = {}
    for path in swift_files(folder):
        for i, l in enumerate(lines_of(path), 1):
            m = import_re.match(l)
            if m and m.group(1) not in SYSTEM:
                imported.setdefault(m.group(1), f"{path}:{i}")
    for mod, where in sorted(imported.items()):
        if mod not in declared:
            findings.append(f"{where}: lint: {name} imports {mod}, which Package.swift does not declare for it")
    for mod in sorted(declared - set(imported)):
        findings.append(f"Package.swift:1: lint: {name} declares {mod} but no file of {folder} imports it")

# 3. only XlsxWriter touches C
for folder in ["Sources", "Tests"]:
    for path in swift_files(folder):
        if path.startswith("Sources/XlsxWriter/"):
            continue
        for i, l in code_lines(path):
            l = re.sub(r'"(?:[^"\\]|\\.)*"', '""', l)  # text in string literals is not code
            if re.search(r"\bimport\s+CXlsxWriter\b", l) or re.search(r"\blxw_[a-z_]+", l):
                findings.append(f"{path}:{i}: lint: only Sources/XlsxWriter touches libxlsxwriter's C API")

# 3b. CloseRunner reaches the workbooks only through Report
for path in swift_files("Sources/CloseRunner"):
    for i, l in code_lines(path):
        if re.match(r"\s*import\s+(XlsxWriter|XlsxReader|CXlsxWriter)\b", l):
            findings.append(f"{path}:{i}: lint: CloseRunner reaches the workbooks only through Report")

# 4. Ingest names no rule
RULE = re.compile(r'"(?:EXP|ADV|COM|SAL|QTR|YR|PLAN|ACT|ATT|ADJ)-[A-Z-]+"|"AUDIT(?:-FORFEIT)?"|\bValidation\.|\bSalesIntake\b|\bClose\.run\b')
for path in swift_files("Sources/Ingest"):
    for i, l in code_lines(path):
        m = RULE.search(l)
        if m:
            findings.append(f"{path}:{i}: lint: Ingest names a rule ({m.group(0)}); rules belong in SalesCore")

# 5. SalesCore and Report touch no files
FILES = re.compile(r"\bFileManager\b|\bFileHandle\b|\bfopen\(|\bopen\(|\bcontentsOfFile\b|\b(?:Data|String)\(contentsOf|\bwrite\(to|\bwrite\(toFile|"
                   r"\bmkdir\(|\bunlink\(|\brename\(|\bfsync\(|\bDirectoryEnumerator\b|\bURL\(fileURLWithPath")
for folder in ["Sources/SalesCore", "Sources/Report"]:
    for path in swift_files(folder):
        for i, l in code_lines(path):
            m = FILES.search(l)
            if m:
                findings.append(f"{path}:{i}: lint: {folder.split('/')[1]} touches files ({m.group(0)}); file I/O belongs in CloseRunner")

# 6. codes are typed
CODE = re.compile(r'"(?:EXP|ADV|COM|SAL|QTR|YR|PLAN|ACT|ATT|ADJ|ROW)-[A-Z-]*"|"AUDIT(?:-FORFEIT)?"')
for path in swift_files("Sources"):
    if path == "Sources/SalesCore/Codes.swift":
        continue
    for i, l in code_lines(path):
        m = CODE.search(l)
        if m:
            findings.append(f"{path}:{i}: lint: the code {m.group(0)} written as text; use the case of SalesCore's Code enum")

for f in findings:
    print(f)
n = sum(1 for f in ["Sources", "Tests"] for _ in swift_files(f))
if findings:
    print(f"lint: {len(findings)} findings")
    sys.exit(1)
print(f"lint: ok ({n} files)")
