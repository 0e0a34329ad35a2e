#!/usr/bin/env python3
"""Fault-injection run of the close's transaction (issue 14), from outside the process: no test hook in the tool.

With January closed, February's close is run under strace:
  * kill -9 at each step of the commit phase: every write/pwrite64/fsync/fdatasync/rename/unlink/rmdir/ftruncate
    the main thread makes after the last output file (close-summary.json) is created: the flush of the temporary
    folder, the copy of the ledger kept beside it, SQLite's journal and database writes, the folder swap;
  * a full disk (ENOSPC) at sampled writes of the whole run (workbooks, summary, spill files, ledger, stderr).
After each fault the next plain run of the same close must exit 0, and the outputs folder and the ledger must be
what an uninterrupted close gives: the February folder byte for byte, every ledger table row for row, and
`salesclose ledger verify` must find nothing to disagree. Right after each fault (before the rerun) the ledger must be the old close or the new one, with the new one's
files complete wherever the ledger holds it. A full disk must not flood stderr with libxlsxwriter's
`[ERROR]` lines. Bounded in time (--budget seconds, default 80): every structural step of the commit (fsync, rename,
unlink, rmdir, ftruncate: about 25 here, some 50 s on a shared two-core machine) always runs; the commit's writes and
the full disks are sampled evenly to fit what the budget leaves (at least 6 and 4).

Usage: scripts/fault-injection.py [--bin .build/debug/salesclose] [--budget 90] [--keep]
Exit 0 when every case held, 1 otherwise (each failure is printed).
"""
import argparse, hashlib, os, re, shutil, sqlite3, subprocess, sys, tempfile, time

TRACED = ["write", "pwrite64", "fsync", "fdatasync", "rename", "renameat", "renameat2", "unlink", "unlinkat",
          "rmdir", "ftruncate"]
ENV = dict(os.environ, SALESCLOSE_SERIAL="1", LC_ALL="C.UTF-8")  # one thread writes: strace's counters are per thread
# (--seccomp-bpf speeds up the tracing run; injection needs plain ptrace: strace 6.1 skips it under seccomp-bpf)


def run(cmd, **kw):
    return subprocess.run(cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace", **kw)


def hashes(d):
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, d)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def ledger_rows(path):
    """Every table's rows, sorted: the ledger's content whatever its page layout."""
    if not os.path.exists(path):
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
            return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"'))) for t in tables}
        finally:
            db.close()
    except sqlite3.DatabaseError as e:
        return {"(unreadable)": [str(e)]}


def state(out, period):
    leftovers = sorted(n for n in os.listdir(out) if n.startswith(".") and n != ".salesclose.lock")
    return hashes(os.path.join(out, period)), ledger_rows(os.path.join(out, "ledger.sqlite")), leftovers


def steps_of(log, marker):
    """(syscall, ordinal in the main thread, line) of each traced call after the marker line."""
    lines = open(log, errors="replace").read().splitlines()
    main = lines[0].split()[0]
    counts, steps, seen = {}, [], False
    call = re.compile(r"^(\d+)\s+([a-z0-9_]+)\(")
    for line in lines:
        m = call.match(line)
        if not m or m.group(1) != main:
            continue
        name = m.group(2)
        if name == "openat":
            if marker in line and "O_CREAT" in line:
                seen = True
            continue
        counts[name] = counts.get(name, 0) + 1
        steps.append((name, counts[name], line[len(main) + 1:], seen))
    return steps


def sample(items, n):
    if len(items) <= n:
        return items
    return [items[round(i * (len(items) - 1) / (n - 1))] for i in range(n)] if n > 1 else items[:1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=".build/debug/salesclose")
    ap.add_argument("--budget", type=float, default=80.0)
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    if not shutil.which("strace"):
        print("fault-injection: strace is not installed (apt-get install strace)", file=sys.stderr)
        return 1
    t0 = time.monotonic()
    root = tempfile.mkdtemp(prefix="salesclose-faults-")
    failures = []
    try:
        data = os.path.join(root, "data")
        r = run([binary, "demo", data, "--months", "2023-01,2023-02", "--employees", "10", "--order-lines", "300"])
        assert r.returncode == 0, r.stderr
        feb_in, period = os.path.join(data, "2023-02"), "2023-02"
        base = os.path.join(root, "base")
        r = run([binary, "close", "--inputs", os.path.join(data, "2023-01"), "--outputs", base])
        assert r.returncode == 0, r.stderr

        def fresh(name):
            d = os.path.join(root, name)
            shutil.rmtree(d, ignore_errors=True)
            shutil.copytree(base, d, symlinks=True)
            return d

        def close(out, prefix=()):
            return run(list(prefix) + [binary, "close", "--inputs", feb_in, "--outputs", out])

        ref = fresh("ref")
        r = close(ref)
        assert r.returncode == 0, r.stderr
        want = state(ref, period)

        traced = fresh("traced")
        log = os.path.join(root, "trace.log")
        r = close(traced, ["strace", "--seccomp-bpf", "-f", "-qq", "-y", "-o", log, "-e", "trace=" + ",".join(TRACED + ["openat"])])
        assert r.returncode == 0, r.stderr
        steps = steps_of(log, f".{period}.partial/close-summary.json")
        commit = [s for s in steps if s[3]]
        writes = [s for s in steps if s[0] in ("write", "pwrite64")]
        assert commit, "the marker (the summary's creation) was not found in the trace"

        base_rows = ledger_rows(os.path.join(base, "ledger.sqlite"))

        def at_fault(label, out):
            """Right after the fault, before any rerun: the ledger (its journal rolled back, as SQLite does on open) is
            the old close or the new one, and where it is the new one its files are complete (in the period folder or
            still under the temporary name); where it is the old one there is no February folder."""
            snap = os.path.join(root, "snap")
            shutil.rmtree(snap, ignore_errors=True)
            shutil.copytree(out, snap, symlinks=True)
            try:
                db = sqlite3.connect(os.path.join(snap, "ledger.sqlite"))
                db.execute("SELECT count(*) FROM sqlite_master").fetchall()   # a hot journal is rolled back here
                db.close()
            except sqlite3.DatabaseError:
                pass   # reported below as neither state
            rows = ledger_rows(os.path.join(snap, "ledger.sqlite"))
            folder, partial = os.path.join(snap, period), os.path.join(snap, f".{period}.partial")
            if rows == want[1]:
                if not (os.path.isdir(folder) and hashes(folder) == want[0]) and not (os.path.isdir(partial) and hashes(partial) == want[0]):
                    failures.append(f"{label}: the ledger holds the new close but its files are not complete anywhere")
            elif rows == base_rows:
                if os.path.isdir(folder):
                    failures.append(f"{label}: the ledger holds the old state but a {period} folder is there")
            else:
                failures.append(f"{label}: the ledger is neither the state before the close nor the one after it")

        def check(label, out, first):
            at_fault(label, out)
            again = close(out)
            got = state(out, period)
            problems = []
            if again.returncode != 0:
                problems.append(f"the recovery run exited {again.returncode}: {again.stderr.strip()[-300:]}")
            if got[0] != want[0]:
                problems.append("the period folder differs from an uninterrupted close")
            if got[1] != want[1]:
                diff = [t for t in set(got[1] or {}) | set(want[1] or {}) if (got[1] or {}).get(t) != (want[1] or {}).get(t)]
                problems.append(f"the ledger differs from an uninterrupted close in {sorted(diff)}")
            if got[2]:
                problems.append(f"temporary folders left: {got[2]}")
            v = run([binary, "ledger", "verify", "--outputs", out])
            if v.returncode != 0:
                problems.append(f"ledger verify exited {v.returncode}: {v.stdout.strip()[-300:]}")
            flood = sum(1 for l in first.stderr.splitlines() if l.startswith("[ERROR]"))
            if flood:
                problems.append(f"{flood} raw libxlsxwriter [ERROR] lines on stderr")
            for p in problems:
                failures.append(f"{label}: {p}")
            return not problems

        # Time one case to fit the budget: half for the kills, half for the full disks.
        t = time.monotonic()
        case = 0
        per = None
        kills = commit
        fulls = writes
        n_kill = n_full = 0
        statuses = {}
        for name, k, line, _ in [commit[0]]:
            out = fresh("case")
            first = close(out, ["strace", "-f", "-qq", "-e", f"trace={name}", "-e", f"inject={name}:signal=SIGKILL:when={k}"])
            check(f"kill at {name} #{k} ({line[:90]})", out, first)
            n_kill += 1
        per = (time.monotonic() - t) * 1.25   # a full-disk case runs as long; a margin for a busy machine
        left = a.budget - (time.monotonic() - t0) - per
        room = max(2, int(left / per))
        # Every structural step of the commit (fsync, rename, unlink, rmdir, ftruncate: few, and where the commit point
        # and the swap are), then its writes sampled evenly with what the budget leaves; the full disks after that.
        structural = [s for s in commit[1:] if s[0] not in ("write", "pwrite64")]
        commit_writes = [s for s in commit[1:] if s[0] in ("write", "pwrite64")]
        kills = structural + sample(commit_writes, max(6, room * 2 // 3 - len(structural)))
        fulls = sample(writes, max(4, room - len(kills)))
        for name, k, line, _ in kills:
            out = fresh("case")
            first = close(out, ["strace", "-f", "-qq", "-e", f"trace={name}", "-e", f"inject={name}:signal=SIGKILL:when={k}"])
            if first.returncode not in (-9, 137):
                failures.append(f"kill at {name} #{k}: the run was not killed (exit {first.returncode}): {line[:90]}")
            check(f"kill at {name} #{k} ({line[:90]})", out, first)
            n_kill += 1
        for name, k, line, _ in fulls:
            out = fresh("case")
            first = close(out, ["strace", "-f", "-qq", "-e", f"trace={name}", "-e", f"inject={name}:error=ENOSPC:when={k}"])
            statuses[first.returncode] = statuses.get(first.returncode, 0) + 1
            if first.returncode not in (0, 4):
                failures.append(f"full disk at {name} #{k}: exit {first.returncode}, not 0 or 4 ({line[:90]}): {first.stderr.strip()[-300:]}")
            if first.returncode == 4 and "error:" not in first.stderr:
                failures.append(f"full disk at {name} #{k}: exit 4 without an error line")
            check(f"full disk at {name} #{k} ({line[:90]})", out, first)
            n_full += 1
        took = time.monotonic() - t0
        print(f"fault-injection: {n_kill} kills of {len(commit)} commit steps, {n_full} full disks of {len(writes)} writes, "
              f"(exit {', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))}), {len(failures)} failures, {took:.0f} s")
        for f in failures:
            print("FAIL " + f)
        return 1 if failures else 0
    finally:
        if a.keep:
            print("kept " + root)
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
