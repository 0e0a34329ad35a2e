#!/usr/bin/env python3
"""The benchmark of issue 7: `make bench` runs this after building the release binary.

For each data set (100k and 1M order lines; 4M with BENCH_LARGE=1), cached in $BENCH_DATA
(default /bench-data) and keyed by the size and a hash of the demo generator's source:
  - `salesclose check` alone: wall, MB/s of CSV input;
  - the full `salesclose close` into a fresh temporary outputs folder under /usr/bin/time -v:
    wall, user+sys, peak RSS, order lines per second, time per stage (from the progress lines
    it prints on stderr, each timestamped as it arrives), and the workbooks it wrote
    (size, sheets, rows, from each sheet's <dimension>);
  - the C floor (bench/floor.c: libxlsxwriter, constant_memory, the same detail cells);
  - the Python baseline (bench/python_baseline.py: csv + XlsxWriter, constant_memory).
Prints a table with the ratios and goals, writes the same to bench/last-results.md, and exits 0
whether or not the goals are met (a missed goal is marked MISSED). Standard library only.
"""
import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MB = 1_000_000  # sizes and rates in decimal megabytes
MiB = 1024 * 1024

GOAL_FLOOR_RATIO = 1.0     # close wall / C floor wall, at most
GOAL_PYTHON_RATIO = 5.0    # Python wall / close wall, at least
GOAL_RSS_1M = 250          # MB peak RSS at 1M order lines, at most
GOAL_RSS_GROWTH = 1.5      # RSS at 4M / RSS at 1M, at most
GOAL_CHECK_MBS = 100.0     # salesclose check, MB/s of CSV input, at least


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- running under /usr/bin/time -v

def run_timed(cmd, env=None, stdout=subprocess.DEVNULL):
    """Runs cmd under /usr/bin/time -v; timestamps each stderr line as it arrives.
    Returns dict(wall, user, sys, rss_mb, status, lines=[(t, text)])."""
    fd, tfile = tempfile.mkstemp(prefix="bench-time-")
    os.close(fd)
    lines = []
    t0 = time.monotonic()
    p = subprocess.Popen(["/usr/bin/time", "-v", "-o", tfile] + cmd, stdout=stdout,
                         stderr=subprocess.PIPE, env=env)

    def pump():
        for raw in iter(p.stderr.readline, b""):
            t = time.monotonic() - t0
            for part in raw.decode("utf-8", "replace").rstrip("\n").split("\r"):
                part = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", part).strip()
                if part:
                    lines.append((t, part))

    th = threading.Thread(target=pump)
    th.start()
    p.wait()
    th.join()
    end = time.monotonic() - t0
    with open(tfile) as f:
        tv = f.read()
    os.unlink(tfile)

    def field(name, conv=float, default=None):
        m = re.search(r"^\s*" + re.escape(name) + r":\s*(.+)$", tv, re.M)
        return conv(m.group(1).strip()) if m else default

    def wallclock(s):
        parts = [float(x) for x in s.split(":")]
        v = 0.0
        for x in parts:
            v = v * 60 + x
        return v

    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)", wallclock, end)
    status = field("Exit status", int, p.returncode)
    if "Command terminated by signal" in tv:
        status = -1
    return dict(wall=wall, user=field("User time (seconds)", float, 0.0), sys=field("System time (seconds)", float, 0.0),
                rss_mb=field("Maximum resident set size (kbytes)", int, 0) * 1024 / MB, status=status,
                lines=lines, end=end)


# ---------------------------------------------------------------- data sets

def generator_key(binary):
    """Hash of the demo generator's source (Sources/Demo/*.swift); the binary's version if absent."""
    demo = os.path.join(ROOT, "Sources", "Demo")
    h = hashlib.sha256()
    files = sorted(f for f in os.listdir(demo) if f.endswith(".swift")) if os.path.isdir(demo) else []
    if files:
        for f in files:
            h.update(f.encode() + b"\0")
            with open(os.path.join(demo, f), "rb") as fh:
                h.update(fh.read())
        return "src" + h.hexdigest()[:12]
    v = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    return "v" + re.sub(r"[^A-Za-z0-9.]+", "_", v or "unknown")


def dataset(binary, data_root, n, key):
    d = os.path.join(data_root, f"demo-{n}-{key}")
    if os.path.isfile(os.path.join(d, "sales.csv")):
        return d, None
    tmp = f"{d}.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    t = time.monotonic()
    r = subprocess.run([binary, "demo", tmp, "--order-lines", str(n)], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"bench: salesclose demo failed ({r.returncode}): {r.stderr.strip()}")
    took = time.monotonic() - t
    os.rename(tmp, d)
    return d, took


def xlsx_dataset(d):
    """The data set with its sales.csv as a one-sheet sales.xlsx (bench/csv_to_xlsx.py, LibreOffice's layout: shared
    strings, numbers, date serials), the other files copied; cached beside the CSV data set."""
    x = d + "-xlsx"
    if os.path.isfile(os.path.join(x, "sales.xlsx")):
        return x, None
    tmp = f"{x}.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    for f in os.listdir(d):
        if f.endswith(".csv") and f != "sales.csv":
            shutil.copyfile(os.path.join(d, f), os.path.join(tmp, f))
    t = time.monotonic()
    r = subprocess.run([sys.executable, os.path.join(HERE, "csv_to_xlsx.py"), os.path.join(d, "sales.csv"),
                        os.path.join(tmp, "sales.xlsx"), "销售"], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"bench: csv_to_xlsx.py failed: {r.stderr.strip()}")
    took = time.monotonic() - t
    os.rename(tmp, x)
    return x, took


def csv_bytes(d):
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f.endswith(".csv"))


def free_bytes(path):
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize


# ---------------------------------------------------------------- what the close wrote

def workbook_shape(path):
    """(sheets, rows over all sheets, [(sheet, rows)]) from each sheet's <dimension ref>."""
    out = []
    with zipfile.ZipFile(path) as z:
        wbx = z.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
        target = {m.group(1): m.group(2) for m in re.finditer(r'<Relationship[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)}
        target.update({m.group(2): m.group(1) for m in re.finditer(r'<Relationship[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
        for m in re.finditer(r"<sheet\b[^>]*>", wbx):
            tag = m.group(0)
            name = re.search(r'name="([^"]*)"', tag).group(1)
            rid = re.search(r'r:id="([^"]*)"', tag).group(1)
            t = target.get(rid, "")
            member = t.lstrip("/") if t.startswith("/") else "xl/" + t
            rows = 0
            try:
                with z.open(member) as f:
                    head = f.read(4096).decode("utf-8", "replace")
                dm = re.search(r'<dimension ref="[A-Z]+(\d+)(?::[A-Z]+(\d+))?"', head)
                if dm:
                    rows = int(dm.group(2) or dm.group(1)) - int(dm.group(1)) + 1
            except KeyError:
                pass
            out.append((name, rows))
    return len(out), sum(r for _, r in out), out


def outputs_found(folder):
    books = []
    for dp, _, fs in os.walk(folder):
        for f in sorted(fs):
            p = os.path.join(dp, f)
            if f.endswith(".xlsx"):
                try:
                    sheets, rows, per = workbook_shape(p)
                except Exception as e:  # a broken workbook is a finding, not a crash of the bench
                    sheets, rows, per = 0, 0, [(f"unreadable: {e}", 0)]
                books.append(dict(file=os.path.relpath(p, folder), size=os.path.getsize(p), sheets=sheets, rows=rows, per=per))
            elif f == "close-summary.json":
                books.append(dict(file=os.path.relpath(p, folder), size=os.path.getsize(p), sheets=None, rows=None, per=[]))
    return sorted(books, key=lambda b: b["file"])


# ---------------------------------------------------------------- stages from the progress lines

INGEST = "ingest (read, decode, validate inputs)"


def stages(lines, end):
    """Intervals between the timestamped stderr lines, named after what the tool said.
    'rules: X' is printed as stage X starts; 'read N input files' and 'wrote F' as they finish."""
    out = []
    prev_t, prev = 0.0, None
    for t, text in lines:
        if text.startswith("Command being timed") or text.startswith("closed ") or text.startswith("reopened") \
                or "already closed" in text:
            break
        if text.startswith("read ") and (prev is None or prev.startswith("read ")):
            # one line per input file or one for them all: together they end the ingest
            if out and out[-1][0] == INGEST:
                out[-1] = (INGEST, out[-1][1] + t - prev_t)
            else:
                out.append((INGEST, t - prev_t))
            prev_t, prev = t, text
            continue
        if prev is None:
            name = "start → " + text
        elif text.startswith("wrote "):
            name = ("write " + text[6:]) if not prev.startswith("rules: ") else f"{prev[7:]} + write {text[6:]}"
        elif prev.startswith("rules: "):
            name = prev
        elif prev.startswith("read ") and text.startswith("rules: "):
            name = "ledger snapshot, validation, employees"
        else:
            name = f"{prev} → {text}"
        out.append((name, t - prev_t))
        prev_t, prev = t, text
    closed = next((t for t, text in lines if text.startswith(("closed ", "reopened")) or "already closed" in text), None)
    if prev is not None and closed is not None:
        out.append(("summary, ledger commit, swap" if prev.startswith("wrote ") else f"{prev} → done", closed - prev_t))
        prev_t = closed
    out.append(("exit (freeing memory)", max(0.0, end - prev_t)))
    # fold the many tiny rule stages into one line so the table stays readable
    folded, small, at = [], 0.0, None
    for name, d in out:
        if name.startswith("rules: ") and d < 0.05:
            small += d
            at = len(folded) if at is None else at
        else:
            folded.append((name, d))
    if at is not None:
        folded.insert(at, ("rules: the others (each < 0.05 s)", small))
    return folded


# ---------------------------------------------------------------- baselines

def build_floor(data_root):
    src = os.path.join(HERE, "floor.c")
    h = hashlib.sha256(open(src, "rb").read()).hexdigest()[:12]
    exe = os.path.join(data_root, "bin", f"floor-{h}")
    if not os.path.exists(exe):
        os.makedirs(os.path.dirname(exe), exist_ok=True)
        r = subprocess.run(["cc", "-O2", "-o", exe + ".tmp", src, "-lxlsxwriter"], capture_output=True, text=True)
        if r.returncode != 0:
            log(f"bench: cannot build bench/floor.c: {r.stderr.strip()}")
            return None
        os.rename(exe + ".tmp", exe)
    return exe


def python_env(data_root):
    """A Python that can import xlsxwriter: the bench's own venv, made with pip on first use."""
    venv = os.path.join(data_root, "venv")
    py = os.path.join(venv, "bin", "python")

    def ok(p):
        return os.path.exists(p) and subprocess.run([p, "-c", "import xlsxwriter"], capture_output=True).returncode == 0

    if ok(py):
        return py, None
    r = subprocess.run([sys.executable, "-m", "venv", venv], capture_output=True, text=True)
    if r.returncode == 0:
        r = subprocess.run([py, "-m", "pip", "install", "--quiet", "XlsxWriter"], capture_output=True, text=True)
        if r.returncode == 0 and ok(py):
            return py, None
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--user", "XlsxWriter"], capture_output=True, text=True)
    if r.returncode == 0 and ok(sys.executable):
        return sys.executable, None
    return None, "pip could not install XlsxWriter: " + (r.stderr.strip().splitlines() or ["?"])[-1]


# ---------------------------------------------------------------- formatting

def fmt_n(n):
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def f1(x, unit=""):
    return "—" if x is None else f"{x:.1f}{unit}"


def goal(ok):
    return "" if ok is None else (" ok" if ok else " **MISSED**")


def table(header, rows):
    s = "| " + " | ".join(header) + " |\n|" + "|".join("---" for _ in header) + "|\n"
    for r in rows:
        s += "| " + " | ".join(str(c) for c in r) + " |\n"
    return s


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build/release/salesclose"))
    ap.add_argument("--data", default=os.environ.get("BENCH_DATA", "/bench-data"))
    ap.add_argument("--sizes", default=None, help="comma-separated order-line counts (default 100000,1000000[,4000000])")
    ap.add_argument("--large", action="store_true", default=os.environ.get("BENCH_LARGE", "") not in ("", "0"))
    ap.add_argument("--skip-baselines", action="store_true")
    ap.add_argument("--skip-xlsx", action="store_true", help="leave out the .xlsx sales sheet runs")
    ap.add_argument("--results", default=os.path.join(HERE, "last-results.md"))
    a = ap.parse_args()

    sizes = [int(x) for x in a.sizes.split(",")] if a.sizes else [100_000, 1_000_000] + ([4_000_000] if a.large else [])
    binary = os.path.abspath(a.bin)
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"bench: no release binary at {binary} (make release)")
    os.makedirs(a.data, exist_ok=True)
    tmproot = os.environ.get("TMPDIR") or tempfile.gettempdir()
    env = dict(os.environ, TMPDIR=tmproot)
    load = os.getloadavg()[0]
    log(f"bench: load average {load:.2f} on {os.cpu_count()} cores"
        + (" — other work is running; wall times will be noisy, user+sys less so" if load > 0.5 else ""))

    key = generator_key(binary)
    floor = None if a.skip_baselines else build_floor(a.data)
    py, py_why = (None, "skipped") if a.skip_baselines else python_env(a.data)
    if py_why and not a.skip_baselines:
        log(f"bench: Python baseline skipped: {py_why}")

    results = []
    for n in sizes:
        r = dict(n=n)
        need = 3 * MB * 1000 * max(1, n / 1_000_000)  # ~1 GB of libxlsxwriter temp files per 1M × 10 cells, plus outputs
        if free_bytes(tmproot) < need:
            log(f"bench: {fmt_n(n)}: skipped, {free_bytes(tmproot) / 1e9:.1f} GB free in {tmproot}, want {need / 1e9:.1f} GB")
            r["skipped"] = f"not enough free space in TMPDIR ({tmproot})"
            results.append(r)
            continue
        d, gen = dataset(binary, a.data, n, key)
        r["data"], r["gen"] = d, gen
        r["csv_bytes"] = csv_bytes(d)
        r["sales_bytes"] = os.path.getsize(os.path.join(d, "sales.csv"))
        log(f"bench: {fmt_n(n)} order lines: {d}" + (f" (generated in {gen:.1f} s)" if gen is not None else " (cached)"))

        log(f"bench: {fmt_n(n)}: salesclose check")
        r["check"] = run_timed([binary, "check", "--inputs", d], env=env)

        out = tempfile.mkdtemp(prefix="salesclose-bench-", dir=tmproot)
        try:
            # --lang en: the stage lines read below are the English ones (messages follow --lang, Chinese by default).
            log(f"bench: {fmt_n(n)}: salesclose close → {out}")
            c = run_timed([binary, "close", "--inputs", d, "--outputs", out, "--lang", "en"], env=env)
            r["close"] = c
            r["stages"] = stages(c["lines"], c["end"])
            r["books"] = outputs_found(out)
            if c["status"] != 0:
                log(f"bench: close exited {c['status']}: " + " / ".join(t for _, t in c["lines"][-4:]))
        finally:
            shutil.rmtree(out, ignore_errors=True)

        if not a.skip_xlsx:
            # The same month with its sales as an .xlsx sheet: check and close, beside the CSV figures.
            xd, xgen = xlsx_dataset(d)
            r["xlsx_bytes"] = os.path.getsize(os.path.join(xd, "sales.xlsx"))
            log(f"bench: {fmt_n(n)}: sales as .xlsx: {xd}" + (f" (written in {xgen:.1f} s)" if xgen is not None else " (cached)"))
            r["xlsx_check"] = run_timed([binary, "check", "--inputs", xd], env=env)
            out = tempfile.mkdtemp(prefix="salesclose-bench-xlsx-", dir=tmproot)
            try:
                log(f"bench: {fmt_n(n)}: salesclose close (sales.xlsx) → {out}")
                r["xlsx_close"] = run_timed([binary, "close", "--inputs", xd, "--outputs", out, "--lang", "en"], env=env)
            finally:
                shutil.rmtree(out, ignore_errors=True)

        for name, cmd in (("floor", [floor] if floor else None),
                          ("python", [py, os.path.join(HERE, "python_baseline.py")] if py else None)):
            if not cmd:
                continue
            wdir = tempfile.mkdtemp(prefix=f"bench-{name}-", dir=tmproot)
            try:
                log(f"bench: {fmt_n(n)}: {name} baseline")
                b = run_timed(cmd + [os.path.join(d, "sales.csv"), os.path.join(wdir, "out.xlsx")], env=env)
                b["size"] = os.path.getsize(os.path.join(wdir, "out.xlsx")) if os.path.exists(os.path.join(wdir, "out.xlsx")) else 0
                r[name] = b
                if b["status"] != 0:
                    log(f"bench: {name} exited {b['status']}: " + " / ".join(t for _, t in b["lines"][-3:]))
            finally:
                shutil.rmtree(wdir, ignore_errors=True)
        results.append(r)

    report = render(results, sizes, py_why, floor)
    print(report)
    with open(a.results, "w") as f:
        f.write(report)
    log(f"bench: wrote {os.path.relpath(a.results, ROOT)}")
    return 0


def render(results, sizes, py_why, floor):
    cmd = "make bench" + (" BENCH_LARGE=1" if 4_000_000 in sizes else "")
    s = f"# make bench — results\n\nCommand: `{cmd}` (2-core Linux; MB = 10^6 bytes; times in seconds)\n\n"
    rss = {}
    main_rows, goal_rows, stage_rows, book_rows = [], [], [], []
    for r in results:
        n = fmt_n(r["n"])
        if "skipped" in r:
            main_rows.append([n] + ["skipped: " + r["skipped"]] + [""] * 11)
            continue
        c = r["close"]
        ok_close = c["status"] == 0
        cpu = c["user"] + c["sys"]
        fl, py = r.get("floor"), r.get("python")
        fr = c["wall"] / fl["wall"] if fl and fl["status"] == 0 and ok_close else None
        pr = py["wall"] / c["wall"] if py and py["status"] == 0 and ok_close else None
        rss[r["n"]] = c["rss_mb"]
        ch = r["check"]
        mbs = r["csv_bytes"] / MB / ch["wall"] if ch["wall"] > 0 else None
        main_rows.append([
            n, f1(c["wall"]) + ("" if ok_close else f" (exit {c['status']})"), f1(cpu), f"{c['rss_mb']:.0f}",
            f"{r['n'] / c['wall']:,.0f}" if ok_close else "—",
            f1(fl["wall"]) if fl else "—", f"{fl['rss_mb']:.0f}" if fl else "—",
            f1(py["wall"]) if py else "—", f"{py['rss_mb']:.0f}" if py else "—",
            (f"{fr:.2f}" + goal(fr <= GOAL_FLOOR_RATIO)) if fr is not None else "—",
            (f"{pr:.1f}×" + goal(pr >= GOAL_PYTHON_RATIO)) if pr is not None else "—",
            f1(ch["wall"], "") + ("" if ch["status"] == 0 else f" (exit {ch['status']})"),
            (f"{mbs:.0f}" + goal(mbs >= GOAL_CHECK_MBS)) if mbs is not None else "—",
        ])
        for name, d in r["stages"]:
            stage_rows.append([n, name, f"{d:.2f}", f"{100 * d / c['wall']:.0f}%" if c["wall"] else ""])
        for b in r["books"]:
            if b["sheets"] is None:
                book_rows.append([n, b["file"], f"{b['size'] / MB:.1f}", "", ""])
            else:
                big = max(b["per"], key=lambda x: x[1]) if b["per"] else ("", 0)
                book_rows.append([n, b["file"], f"{b['size'] / MB:.1f}", b["sheets"],
                                  f"{b['rows']:,} (largest: {big[0]} {big[1]:,})"])
    s += table(["order lines", "close wall", "close user+sys", "close peak RSS MB", "rows/s",
                "C floor wall", "C floor RSS MB", "Python wall", "Python RSS MB",
                f"close / C floor (≤ {GOAL_FLOOR_RATIO:.1f})", f"Python / close (≥ {GOAL_PYTHON_RATIO:.0f}×)",
                "check wall", f"check MB/s (≥ {GOAL_CHECK_MBS:.0f})"], main_rows)
    if 1_000_000 in rss:
        goal_rows.append([f"peak RSS at 1M ≤ {GOAL_RSS_1M} MB", f"{rss[1_000_000]:.0f} MB" + goal(rss[1_000_000] <= GOAL_RSS_1M)])
    if 1_000_000 in rss and 4_000_000 in rss:
        g = rss[4_000_000] / rss[1_000_000]
        goal_rows.append([f"peak RSS at 4M ≤ {GOAL_RSS_GROWTH}× 1M", f"{g:.2f}×" + goal(g <= GOAL_RSS_GROWTH)])
    elif 1_000_000 in rss:
        goal_rows.append([f"peak RSS at 4M ≤ {GOAL_RSS_GROWTH}× 1M", "not measured (BENCH_LARGE=1)"])
    if goal_rows:
        s += "\n" + table(["goal", "measured"], goal_rows)
    xlsx_rows = []
    for r in results:
        if "xlsx_close" not in r:
            continue
        c, xc, ch, xch = r["close"], r["xlsx_close"], r["check"], r["xlsx_check"]
        xlsx_rows.append([
            fmt_n(r["n"]), f"{r['sales_bytes'] / MB:.0f}", f"{r['xlsx_bytes'] / MB:.0f}",
            f1(ch["wall"]), f1(xch["wall"]) + ("" if xch["status"] == 0 else f" (exit {xch['status']})"),
            f"{ch['rss_mb']:.0f}", f"{xch['rss_mb']:.0f}",
            f1(c["wall"]), f1(xc["wall"]) + ("" if xc["status"] == 0 else f" (exit {xc['status']})"),
            f1(c["user"] + c["sys"]), f1(xc["user"] + xc["sys"]),
            f"{c['rss_mb']:.0f}", f"{xc['rss_mb']:.0f}",
        ])
    if xlsx_rows:
        s += "\nThe same month with its sales as an .xlsx sheet (bench/csv_to_xlsx.py: shared strings, numbers, date serials) beside the CSV:\n\n"
        s += table(["order lines", "sales.csv MB", "sales.xlsx MB", "check wall CSV", "check wall xlsx",
                    "check RSS MB CSV", "check RSS MB xlsx", "close wall CSV", "close wall xlsx",
                    "close user+sys CSV", "close user+sys xlsx", "close RSS MB CSV", "close RSS MB xlsx"], xlsx_rows)
    notes = []
    if not floor:
        notes.append("C floor: not built (see the bench's stderr).")
    if py_why and py_why != "skipped":
        notes.append(f"Python baseline skipped: {py_why}.")
    if notes:
        s += "\n" + "\n".join(notes) + "\n"
    s += "\nTime per stage of the close (from its progress lines on stderr, timestamped as they arrive):\n\n"
    s += table(["order lines", "stage", "s", "share"], stage_rows)
    s += "\nWhat the close wrote (rows from each sheet's dimension):\n\n"
    s += table(["order lines", "file", "MB", "sheets", "rows"], book_rows)
    return s


if __name__ == "__main__":
    sys.exit(main())
