# gips: `make test` is what CI runs (.ci/run). On a fresh machine it first
# installs the Debian packages the Python side and the reference tests need.

GO ?= go
# The Python with numpy: Debian's, not the pyenv one first on PATH.
PYTHON ?= $(shell for p in /usr/bin/python3 python3; do $$p -c 'import numpy' 2>/dev/null && echo $$p && break; done)
DEBS = python3-numpy python3-scipy python3-skimage python3-tifffile python3-pytest python3-opencv python3-dask

.PHONY: test deps test-go test-python python vet fmt bench

test: deps vet test-go test-python

# deps installs the Debian packages once; it does nothing when they are there.
deps:
	@/usr/bin/python3 -c 'import numpy, scipy, skimage, tifffile, pytest, cv2, dask' 2>/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBS) >/dev/null; }

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo 'gofmt needed'; exit 1; }
	$(GO) vet ./...

test-go:
	GIPS_PYTHON=$(PYTHON) $(GO) test ./...

# python builds the c-shared library into the Python package.
python:
	@if [ -d capi ]; then $(GO) build -buildmode=c-shared -o python/gips/_gips.so ./capi; fi

test-python: python
	@if [ -d python/tests ]; then cd python && $(PYTHON) -m pytest -q tests; fi

fmt:
	gofmt -w $$(git ls-files '*.go')
