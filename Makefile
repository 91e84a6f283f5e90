# gips: `make test` is what CI runs (.ci/run). On a fresh machine it first
# installs the Debian packages the Python side and the reference tests need.

GO ?= go
# The Python with numpy: Debian's, not the pyenv one first on PATH. Evaluated
# when a recipe runs, so after `deps` has installed it on a fresh machine.
PYTHON ?= $(shell for p in /usr/bin/python3 python3; do $$p -c 'import numpy' 2>/dev/null && echo $$p && break; done)
DEBS = python3-numpy python3-scipy python3-skimage python3-tifffile python3-pytest python3-opencv python3-dask python3-dev

.PHONY: test deps vet test-go test-simd test-race test-sse test-python test-ndimage test-bench python gips python-gen fixtures bench demo fuzz fmt

test: deps vet test-go test-simd test-race test-sse test-python test-ndimage test-bench

# deps installs the Debian packages once; it does nothing when they are there.
# chromium renders `gips view` pages in its test (headless screenshots).
deps:
	@/usr/bin/python3 -c 'import numpy, scipy, skimage, tifffile, pytest, cv2, dask, sysconfig, os; \
	  assert os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h"))' 2>/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBS) >/dev/null; }
	@command -v chromium >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo 'gofmt needed'; exit 1; }
	$(GO) vet ./...

# Go tests, with the numpy/scipy/scikit-image/tifffile references required.
test-go:
	GIPS_PYTHON=$(PYTHON) $(GO) test ./...

# The whole Go suite again with the SIMD kernels (GOEXPERIMENT=simd,
# simd/archsimd), which the shipped builds use; test-go ran it on the
# pure-Go twins, which the tests compare them with. Asynchronous
# preemption off, as in the shipped builds (SHIPLD below) and as the
# README asks of Go users: with it on, the tests' own scalar float
# references stall on the dirty upper halves it leaves (color's
# TestLab32Accuracy 146 s against 11.5 s). internal/vecstate's test still
# runs a child with it on.
test-simd:
	GODEBUG=asyncpreemptoff=1 GOEXPERIMENT=simd GIPS_PYTHON=$(PYTHON) $(GO) test ./...

# The C boundary's packages again under the race detector, which also turns
# on checkptr: capi builds Go slices over the caller's memory with unsafe
# (flat.go), and a slice that runs past an array's memory passes every
# value test while it breaks Go's pointer rules (stridedCall did until
# 2026-12-03). With the SIMD kernels, as shipped; ~45 s.
test-race:
	GODEBUG=asyncpreemptoff=1 GOEXPERIMENT=simd GIPS_PYTHON=$(PYTHON) $(GO) test -race ./capi ./internal/par ./internal/flat

# The shipped builds use the SIMD kernels: they check the CPU at run time
# (AVX2, FMA) and fall back to the pure-Go twins, so one binary runs
# everywhere. SIMD = GOEXPERIMENT value (empty: a pure-Go build).
SIMD ?= simd

# SHIPLD turns Go's asynchronous preemption off in the shipped builds. With
# GOEXPERIMENT=simd, Go 1.26's asyncPreempt saves and restores every vector
# register (all of zmm0-31 on AVX-512 CPUs) and returns without VZEROUPPER:
# after each preemption (sysmon's every 10 ms of a running goroutine, the
# GC's stack scans) the upper halves stay dirty, and every legacy-SSE
# instruction after it, Go's scalar float code included, pays a false
# dependency and a blend until a kernel's VZEROUPPER. Frangi, whose
# per-pixel eigenvalue code is scalar float64, ran 8x slower (1024² 1T 4.4
# -> 0.55 s without it). internal/vecstate and bench/test_vecstate.py show
# it. Goroutines still yield at function calls (cooperative preemption).
SHIPLD = -X=runtime.godebugDefault=asyncpreemptoff=1

# python builds the c-shared library into the Python package, and the C
# extension that makes op calls without ctypes, keeps the output pool and
# calls the generated op functions from C (python/gips/_fastcall.c, _pool.c,
# _opfunc.c), against Debian's python3-dev; the binding falls back to ctypes
# without it).
PYINC = $(shell $(PYTHON) -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
PYEXT = $(shell $(PYTHON) -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
python:
	GOEXPERIMENT=$(SIMD) $(GO) build -ldflags='$(SHIPLD)' -buildmode=c-shared -o python/gips/_gips.so ./capi
	$(CC) -O2 -Wall -shared -fPIC -I$(PYINC) python/gips/_fastcall.c python/gips/_pool.c python/gips/_opfunc.c -o python/gips/_fastcall$(PYEXT)

# gips builds the command line (./gips).
gips:
	GOEXPERIMENT=$(SIMD) $(GO) build -ldflags='$(SHIPLD)' -o gips ./cmd/gips

# test-sse fails when the shipped library has a legacy-SSE (non-VEX)
# instruction writing an xmm register inside an AVX2/AVX-512 loop: Go 1.26
# emits them silently (Broadcast of 0, logical shifts' counts, 128-bit
# spills) and they stall while the vector registers' upper halves are dirty
# (tools/ssescan.py says how; tools/ssescan_allow.txt lists the exceptions).
test-sse: python
	$(PYTHON) -m pytest -q tools
	$(PYTHON) tools/ssescan.py python/gips/_gips.so --allow tools/ssescan_allow.txt

test-python: python
	cd python && $(PYTHON) gen.py --check && $(PYTHON) -m pytest -q tests

# scipy's own ndimage test suite run against gips.ndimage (fallback off):
# fails only on a failure in a function gips serves that
# python/tests/ndimage_suite/differences.txt does not document.
test-ndimage: python
	$(PYTHON) python/tests/ndimage_suite/run.py

# The side-by-side benchmark on small inputs: fails on an error or a
# disagreement with the peers, never on timing; and every row's kernels
# return with the vector registers' upper halves clean (bench/test_vecstate.py).
test-bench: python
	$(PYTHON) -m pytest -q bench/test_bench_smoke.py bench/test_vecstate.py

# python-gen regenerates python/gips/<family>.py from the op registry.
python-gen: python
	cd python && $(PYTHON) gen.py

# fixtures regenerates imageio/testdata with tifffile, numpy, PIL and cv2.
fixtures:
	$(PYTHON) imageio/testdata/gen_fixtures.py

# bench is the full side-by-side run (about 90 minutes on 2 cores); it writes
# BENCHMARKS.md, with the rows over 1.0x timed twice more after the run.
bench: python
	$(PYTHON) bench/bench.py --again 2

demo:
	$(GO) run ./cmd/gips demo

# fuzz runs each file-format fuzzer for a short while beyond the seed corpus
# (the seeds run in every `go test`).
fuzz:
	$(GO) test ./imageio -run '^$$' -fuzz FuzzReadTIFF -fuzztime 60s
	$(GO) test ./imageio -run '^$$' -fuzz FuzzReadNpy -fuzztime 60s

fmt:
	gofmt -w $$(git ls-files '*.go')
