package main

import (
	"bytes"
	"fmt"
	"github.com/gipsdev/gips/internal/par"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// blockAlloc is a Go stand-in for Python's allocator: each block a new
// Go buffer, kept in blocks in the order asked (fail: every ask fails).
type blockAlloc struct {
	blocks [][]byte
	fail   bool
}

func (a *blockAlloc) alloc(n int) uint64 {
	if a.fail {
		return 0
	}
	b := make([]byte, n+8) // room to align to 8
	off := int(-addrOf(b) & 7)
	a.blocks = append(a.blocks, b[off:off+n])
	return addrOf(b[off:])
}

// countBytes is stats' weight of a counted byte in par's bytes: the flat
// counting paths take what stats counts on one worker.
const countBytes = 16

// The flat histogrammer (stats/flat.go) gives the general path's counts
// and edges, byte for byte, for 8-bit and Binary arrays of random and of
// one value, with and without a range (one bin per value, wider and
// narrower bins, an empty range, values outside it), 2D and 3D, from one
// pixel to a counter8 run; other types, arrays too large for one worker,
// strided arrays, calls with an output and ranges the general path
// refuses take the general path.
func TestFlatHistogramMatchesGeneral(t *testing.T) {
	defer func() { flatOff = false }()
	rng := rand.New(rand.NewPCG(5, 6))
	for _, params := range []string{`{"nbins":256,"range":"0,256"}`, `{"nbins":10}`, `{"nbins":7,"range":"-3.5,100.25"}`,
		`{"nbins":1,"range":"5,5"}`, `{"nbins":300,"range":"-128,172"}`, `{"nbins":4,"range":"0,2"}`, `{"nbins":3,"range":"5,1"}`} {
		body := []byte(`{"op":"stats.histogram","params":` + params + `}`)
		o, p, _, err := parseRequest(body)
		if err != nil {
			t.Fatal(err)
		}
		valid := !strings.Contains(params, `"5,1"`)
		for _, dt := range []string{"|u1", "|i1", "|b1", "<u2", "<f4"} {
			for _, dims := range [][]int{{1, 1}, {7, 33}, {2, 3, 37}, {100, 100}, {300, 300}, {600, 600}} {
				for _, constant := range []bool{false, true} {
					name := fmt.Sprintf("%s/%s/%v/constant %v", params, dt, dims, constant)
					buf, rec := randomContiguous(rng, dims, dt, constant)
					var flat, general blockAlloc
					st := opCallState{words: rec, n: 1, numbers: true, alloc: flat.alloc}
					took, err := st.flatHistogram(o, p)
					if want := dt[2] == '1' && len(buf)*countBytes < par.InlineBytes && valid; took != want || err != nil {
						t.Fatalf("%s: flat histogrammer took the call: %v (%v)", name, took, err)
					}
					flatOff = true
					code, text, tag, value := opCall(body, 1, false, rec, general.alloc, nil, true)
					flatOff = false
					if !valid {
						if code == codeOK {
							t.Fatalf("%s: general path took a bad range", name)
						}
						continue
					}
					if code != codeOK || tag != tagHistogram || len(general.blocks) != 2 {
						t.Fatalf("%s: general path: %d %s, tag %d, %d blocks", name, code, text, tag, len(general.blocks))
					}
					if !took {
						continue
					}
					if st.tag != tagHistogram || st.value != value || len(flat.blocks) != 2 {
						t.Fatalf("%s: flat tag %d, %d bins, %d blocks; general %d bins", name, st.tag, st.value, len(flat.blocks), value)
					}
					for i, what := range []string{"counts", "edges"} {
						if !bytes.Equal(flat.blocks[i], general.blocks[i]) {
							t.Fatalf("%s: flat %s %v, general %v", name, what, int64s(flat.blocks[i]), int64s(general.blocks[i]))
						}
					}
					runtime.KeepAlive(buf)
				}
			}
		}
		// Rows apart, an output: the general path.
		buf, rec := rowsApart(2, false, true)([]int{4, 4}, "|u1")
		var a blockAlloc
		if st := (opCallState{words: rec, n: 1, numbers: true, alloc: a.alloc}); first(st.flatHistogram(o, p)) {
			t.Errorf("%s: the flat histogrammer took a strided array", params)
		}
		if st := (opCallState{words: append(rec, rec...), n: 1, hasOut: true, numbers: true, alloc: a.alloc}); first(st.flatHistogram(o, p)) {
			t.Errorf("%s: the flat histogrammer took a call with an output", params)
		}
		runtime.KeepAlive(buf)
	}
}

// A flat histogram whose blocks cannot be allocated is the call's error,
// as on the general path.
func TestFlatHistogramAllocFails(t *testing.T) {
	buf, rec := contiguous([]int{8, 8}, "|u1")
	fail := blockAlloc{fail: true}
	code, text, _, _ := opCall([]byte(`{"op":"stats.histogram","params":{"nbins":256,"range":"0,256"}}`), 1, false, rec, fail.alloc, nil, true)
	if code == codeOK || !strings.Contains(text, "allocating 2048 bytes for the result failed") {
		t.Fatalf("code %d, %q", code, text)
	}
	runtime.KeepAlive(buf)
}

func first(ok bool, _ error) bool { return ok }

func int64s(b []byte) []int64 {
	return unsafe.Slice((*int64)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/8)
}

// threshold.otsuApply's flat kernel (a whole-buffer one) gives the
// general path's bytes on contiguous 8-bit arrays, of random pixels, of
// a few values and of one, into Binary and uint8 outputs; other types,
// arrays counted on more than one worker and rows apart are the general
// path's.
func TestFlatOtsuApplyMatchesGeneral(t *testing.T) {
	defer func() { flatOff = false }()
	rng := rand.New(rand.NewPCG(7, 8))
	for _, params := range []string{`{}`, `{"nbins":300}`} {
		body := []byte(`{"op":"threshold.otsuApply","params":` + params + `}`)
		op, p, _, err := parseRequest(body)
		if err != nil {
			t.Fatal(err)
		}
		for _, dt := range []string{"|u1", "|i1", "|b1", "<u2", "<f4"} {
			for _, dims := range [][]int{{1, 1}, {7, 33}, {2, 3, 37}, {64, 64}, {300, 300}, {600, 500}} {
				for _, fill := range []string{"random", "few", "constant"} {
					for _, odt := range []string{"|b1", "|u1"} {
						for _, strided := range []bool{false, true} {
							name := fmt.Sprintf("%s/%s/%v/%s/into %s/strided %v", params, dt, dims, fill, odt, strided)
							lay := contiguous
							if strided {
								lay = rowsApart(3, true, true)
							}
							in, rec := lay(dims, dt)
							for i := range in {
								switch fill {
								case "random":
									in[i] = byte(rng.NormFloat64()*40 + 90)
								case "few":
									in[i] = byte(rng.IntN(3) * 50)
								default:
									in[i] = 0x81
								}
							}
							if dt[1] == 'f' {
								for i := range in {
									in[i] &= 0x3f
								}
							}
							var outs [2][]byte
							for k := range outs {
								buf, orec := writable(dims, odt)
								outs[k] = buf
								w := append(append([]int64{}, rec...), orec...)
								if k == 0 {
									st := opCallState{words: w, n: 1, hasOut: true}
									took := st.flatCall(op, p)
									oneRow := pixels(dims) == dims[len(dims)-1] // rows apart or not, one run
									want := (!strided || oneRow) && dt[2] == '1' && dt[1] != 'b' && len(in)*countBytes < par.InlineBytes
									if took != want {
										t.Fatalf("%s: flat path took it: %v", name, took)
									}
									if !took {
										break
									}
									continue
								}
								flatOff = true
								code, text, _, _ := opCall(body, 1, true, w, nil, nil, true)
								flatOff = false
								if code != codeOK {
									t.Fatalf("%s: general path: %d %s", name, code, text)
								}
							}
							if outs[1] != nil && !bytes.Equal(outs[0], outs[1]) {
								t.Fatalf("%s: flat and general results differ", name)
							}
							runtime.KeepAlive(in)
						}
					}
				}
			}
		}
	}
}
