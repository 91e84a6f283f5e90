#!/bin/sh
# Out-of-core demonstration (issue 16): a 6 GiB uint16 volume, larger than
# the 4 GiB --memory budget, Gaussian-smoothed, thresholded, labelled and
# measured by `gips run --memory`, each step under /usr/bin/time -v for its
# peak resident memory. Not part of `make test` or `make bench`: it writes
# about 21 GiB to $OOC_DIR (default /tmp/gips-ooc) and takes tens of minutes;
# OOC_KEEP=1 keeps the labels.
#
#   sh bench/ooc.sh                  # the 6 GiB run
#   OOC_Z=32 sh bench/ooc.sh         # a 256 MiB smoke run
set -eu
DIR=${OOC_DIR:-/tmp/gips-ooc}
Z=${OOC_Z:-768}          # 2048 x 2048 x 768 uint16 = 6 GiB
MEM=${OOC_MEMORY:-4GiB}
PY=${GIPS_PYTHON:-/usr/bin/python3}
mkdir -p "$DIR"
go build -o "$DIR/gips" ./cmd/gips
echo "# $(date -u) load: $(uptime | sed 's/.*load average: //')"
# The volume, written plane by plane through a numpy memmap: a lattice of
# smooth blobs (the product of three sines) plus uniform noise.
"$PY" - "$DIR/in.npy" "$Z" <<'PYEOF'
import sys, numpy as np
path, nz = sys.argv[1], int(sys.argv[2])
n = 2048
a = np.lib.format.open_memmap(path, mode="w+", dtype=np.uint16, shape=(nz, n, n))
rng = np.random.default_rng(16)
s = np.sin(np.arange(n) / 25.0)
sxy = np.outer(s, s)
for z in range(nz):
    v = 20000 + 24000 * sxy * np.sin(z / 25.0) + rng.integers(0, 8000, (n, n))
    a[z] = v.astype(np.uint16)
a.flush()
PYEOF
ls -l "$DIR/in.npy"
step() {
  name=$1; shift
  /usr/bin/time -v "$DIR/gips" run "$@" --memory "$MEM" 2> "$DIR/$name.time" | tee "$DIR/$name.out"
  grep -E "Maximum resident|Elapsed \(wall|Percent of CPU" "$DIR/$name.time" | sed "s/^/  $name: /"
}
step gaussian filter.gaussian --sigma 1 --output same "$DIR/in.npy" -o "$DIR/smooth.npy"
step threshold threshold.range --min 30000 --max 65535 "$DIR/smooth.npy" -o "$DIR/bin.npy"
rm -f "$DIR/in.npy"
step label label.components --output label16 "$DIR/bin.npy" -o "$DIR/labels.npy"
rm -f "$DIR/smooth.npy"
step measure measure.labelAnalysis --measures area,centroidX,centroidY,centroidZ "$DIR/labels.npy" -o "$DIR/table.csv" || true
head -3 "$DIR/table.csv" 2>/dev/null || true
[ -n "${OOC_KEEP:-}" ] || rm -f "$DIR/bin.npy" "$DIR/labels.npy"
