#!/usr/bin/env bash
# Where the close spends its time: not part of `make bench` (slow); run by hand after it.
#   bench/profile.sh [N]      N order lines (default 1000000 for perf, 100000 for callgrind)
# Uses `perf record -g` when the machine has hardware counters (`perf stat -e instructions true`);
# else `perf record -e cpu-clock -g` (a software timer: no counters needed) when perf can record;
# else `valgrind --tool=callgrind` on the 100k set. Prints the top self-time symbols.
# Output: /bench-data/profile/ (perf.data or callgrind.out, and the report text).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/salesclose}
DATA=${BENCH_DATA:-/bench-data}
OUTDIR=$DATA/profile
mkdir -p "$OUTDIR"
[ -x "$BIN" ] || { echo "no $BIN: make release" >&2; exit 1; }

# the data set as bench/bench.py caches it (same key: hash of the demo generator's source)
dataset() {
  python3 - "$BIN" "$DATA" "$1" <<'EOF'
import sys; sys.path.insert(0, "bench")
import bench
d, _ = bench.dataset(sys.argv[1], sys.argv[2], int(sys.argv[3]), bench.generator_key(sys.argv[1]))
print(d)
EOF
}

mode=callgrind
if perf stat -e instructions true 2>&1 | grep -q '[0-9] *instructions'; then mode=perf-hw
elif perf record -e cpu-clock -o "$OUTDIR/probe.data" -- true >/dev/null 2>&1; then mode=perf-sw
fi
rm -f "$OUTDIR/probe.data"
if [ "${PROFILE_MODE:-}" ]; then mode=$PROFILE_MODE; fi

out=$(mktemp -d "${TMPDIR:-/tmp}/salesclose-profile-XXXXXX")
trap 'rm -rf "$out"' EXIT
case $mode in
  perf-hw|perf-sw)
    N=${1:-1000000}; D=$(dataset "$N")
    ev=(); [ $mode = perf-sw ] && ev=(-e cpu-clock)
    cmd=(perf record "${ev[@]}" -g -F 999 -o "$OUTDIR/perf.data" -- "$BIN" close --inputs "$D" --outputs "$out")
    echo "+ ${cmd[*]}" >&2
    "${cmd[@]}" 2>&1 | tail -3 >&2
    perf report -i "$OUTDIR/perf.data" --no-children --sort symbol --percent-limit 0.3 --stdio 2>/dev/null \
      | grep -E '^ +[0-9.]+%' | head -25 | tee "$OUTDIR/top.txt"
    ;;
  callgrind)
    N=${1:-100000}; D=$(dataset "$N")
    cmd=(valgrind --tool=callgrind --callgrind-out-file="$OUTDIR/callgrind.out" "$BIN" close --inputs "$D" --outputs "$out")
    echo "+ ${cmd[*]}" >&2
    "${cmd[@]}" 2>&1 | tail -3 >&2
    callgrind_annotate --inclusive=no "$OUTDIR/callgrind.out" 2>/dev/null | head -45 | tee "$OUTDIR/top.txt"
    ;;
esac
echo "profile ($mode, $N order lines) in $OUTDIR" >&2
