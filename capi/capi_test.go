package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/measure"
	"github.com/gipsdev/gips/ops"
)

// A test op, so that the op entry points are tested whatever families are
// registered: out = 2*in + offset, pointwise.
func init() {
	ops.Register(&ops.Op{
		Name:    "captest.double",
		Doc:     "Test op of the C API: out = 2*in + offset.",
		Inputs:  []ops.Input{{Name: "img", Types: []gips.BufferType{gips.Real64}}},
		Params:  []ops.Param{{Name: "offset", Kind: ops.Float, Default: 0.0, Min: ops.Bound(-10), Max: ops.Bound(10)}},
		Output:  ops.SameAsFirst,
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			src, _ := gips.Planes[float64](in[0])
			dst, err := gips.WritablePlanes[float64](out)
			if err != nil {
				return ops.Result{}, err
			}
			for i := range src {
				for y := 0; y < src[i].Height; y++ {
					for x, v := range src[i].Row(y) {
						dst[i].Row(y)[x] = 2*v + p.Float("offset")
					}
				}
			}
			return ops.ImageResult(out), nil
		},
	})
}

func req(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func addrOf[T any](s []T) uint64 { return address(unsafe.Pointer(unsafe.SliceData(s))) }

func TestRunRecoversPanicsAndClassifiesErrors(t *testing.T) {
	code, text := run(nil, func([]byte) (any, error) { panic("boom") })
	if code != codeInternal || !strings.Contains(text, "panic: boom") {
		t.Fatalf("panic: code %d text %q", code, text)
	}
	for _, c := range []struct {
		err  error
		code int
	}{
		{fmt.Errorf("x: %w", gips.ErrDType), codeType},
		{fmt.Errorf("x: %w", errors.Join(ops.ErrInput, gips.ErrBufferType)), codeType},
		{fmt.Errorf("x: %w", gips.ErrShape), codeValue},
		{fmt.Errorf("x: %w", ops.ErrParam), codeValue},
		{fmt.Errorf("x: %w", measure.ErrParam), codeValue}, // a family's own sentinel
		{fmt.Errorf("x: %w: %w", ops.ErrParam, gips.ErrTooLarge), codeTooLarge},
		{fmt.Errorf("x: %w", errors.Join(ops.ErrOutput, gips.ErrReadOnly)), codeReadOnly},
		{fmt.Errorf("x: %w", gips.ErrCopyRequired), codeCopy},
		{fmt.Errorf("x: %w", gips.ErrNotStrided), codeError},
	} {
		if got := codeOf(c.err); got != c.code {
			t.Errorf("codeOf(%v) = %d, want %d", c.err, got, c.code)
		}
	}
	if code, _ := run([]byte("{"), handleGeometry); code != codeInternal {
		t.Errorf("malformed JSON: code %d", code)
	}
}

func TestPlanSharesPaddedAndCopiesStrided(t *testing.T) {
	data := make([]uint16, 4*6*8)
	padded := wireArray{Data: addrOf(data), TypeStr: "<u2", Shape: []int{4, 6, 5}, Strides: []int{96, 16, 2}}
	res, err := handleWrapPlan(req(t, wrapRequest{Kind: "array", Array: &padded}))
	if err != nil {
		t.Fatal(err)
	}
	p := res.(planReply)
	if len(p.Copied) != 0 || p.Array == nil || p.Array.Data != addrOf(data) || p.Array.Strides[1] != 16 {
		t.Fatalf("padded: %+v", p)
	}
	strided := wireArray{Data: addrOf(data), TypeStr: "<u2", Shape: []int{4, 6, 4}, Strides: []int{96, 16, 4}}
	wr := wrapRequest{Kind: "array", Array: &strided}
	res, err = handleWrapPlan(req(t, wr))
	if err != nil {
		t.Fatal(err)
	}
	p = res.(planReply)
	if p.BlockBytes != 4*6*4*2 || p.Array != nil || p.Geometry != nil || !strings.Contains(p.Reason, "x stride 4") {
		t.Fatalf("strided: %+v", p)
	}
	_, err = handleWrapPlan(req(t, wrapRequest{Kind: "array", Array: &strided, Strict: true}))
	if codeOf(err) != codeCopy {
		t.Fatalf("strict: %v", err)
	}
	// Copy into the caller's block, change it, sync back.
	for i := range data {
		data[i] = uint16(i)
	}
	block := make([]uint16, 4*6*4)
	bw := wireBuffer{Data: addrOf(block), NBytes: 2 * len(block)}
	res, err = handleWrapPlan(req(t, planRequest{wrapRequest: wr, Block: &bw}))
	if err != nil {
		t.Fatal(err)
	}
	p = res.(planReply)
	if len(p.Copied) != 4 || p.TypeStr != "<u2" || fmt.Sprint(p.Shape) != "[4 6 4]" {
		t.Fatalf("copied plan: %+v", p)
	}
	if block[5] != data[10] || block[len(block)-1] != data[len(data)-2] {
		t.Fatalf("copy: block %v", block[:8])
	}
	block[5] = 1000
	if _, err := handleSync(req(t, syncRequest{Source: wr, Block: bw, Planes: p.Copied})); err != nil {
		t.Fatal(err)
	}
	if data[10] != 1000 || data[11] != 11 {
		t.Fatalf("sync: %v", data[8:12])
	}
	bw.NBytes--
	if _, err := handleWrapPlan(req(t, planRequest{wrapRequest: wr, Block: &bw})); codeOf(err) != codeInternal {
		t.Fatalf("short block: %v", err)
	}
	runtime.KeepAlive(data)
	runtime.KeepAlive(block)
}

// handleOpRun is gips_op_run with the images in Go values (tests cannot use
// cgo to build gips_image structs).
func handleOpRun(r runRequest) (any, error) { return runOp(r) }

func TestOpOutputAndRun(t *testing.T) {
	g := toWire(gips.Geometry2d(gips.Real64, 3, 2))
	res, err := handleOpOutput(req(t, outputRequest{Op: "captest.double", Inputs: []wireGeometry{g}}))
	if err != nil {
		t.Fatal(err)
	}
	o := res.(outputReply)
	if o.Geometry == nil || *o.Geometry != g || o.TypeStr != "<f8" || fmt.Sprint(o.Shape) != "[2 3]" {
		t.Fatalf("output: %+v", o)
	}
	in := []float64{1, 2, 3, 4, 5, 6}
	out := make([]float64, 6)
	img := func(s []float64, ro bool) *wireImage {
		return &wireImage{Geometry: g, TypeStr: "<f8", ReadOnly: ro, Data: addrOf(s), Strides: []int{24, 8}}
	}
	r := runRequest{Op: "captest.double", Inputs: []wireImage{*img(in, true)}, Output: img(out, false),
		Params: map[string]any{"offset": 1.0}}
	if _, err := handleOpRun(r); err != nil {
		t.Fatal(err)
	}
	if out[0] != 3 || out[5] != 13 {
		t.Fatalf("run: %v", out)
	}
	r.Output = img(out, true)
	if _, err := handleOpRun(r); codeOf(err) != codeReadOnly {
		t.Fatalf("read-only output: %v", err)
	}
	r.Output, r.Params = img(out, false), map[string]any{"offset": 11.0}
	if _, err := handleOpRun(r); codeOf(err) != codeValue || !strings.Contains(err.Error(), "offset") {
		t.Fatalf("out of range: %v", err)
	}
	r.Output, r.Params = nil, map[string]any{"offset": 0.5}
	if _, err := handleOpRun(r); codeOf(err) != codeInternal {
		t.Fatalf("no output: %v", err)
	}
	// An output allocated by the caller on request.
	var mem []float64
	r.Alloc = func(n int) uint64 { mem = make([]float64, n/8); return addrOf(mem) }
	res, err = handleOpRun(r)
	if err != nil {
		t.Fatal(err)
	}
	if o := res.(*outputReply); o.TypeStr != "<f8" || fmt.Sprint(o.Shape) != "[2 3]" || mem[5] != 12.5 {
		t.Fatalf("allocated: %+v %v", o, mem)
	}
	r.Alloc = func(int) uint64 { return 0 }
	if _, err := handleOpRun(r); err == nil || !strings.Contains(err.Error(), "allocating 48 bytes") {
		t.Fatalf("failed allocation: %v", err)
	}
	// An input given as a plain array, wrapped as fromArray does (copied
	// here: x step 2).
	wide := []float64{1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0}
	r.Inputs = []wireImage{{Source: &wrapRequest{Kind: "array", Array: &wireArray{Data: addrOf(wide), TypeStr: "<f8",
		Shape: []int{2, 3}, Strides: []int{48, 16}}}}}
	r.Alloc = func(n int) uint64 { mem = make([]float64, n/8); return addrOf(mem) }
	if _, err := handleOpRun(r); err != nil || mem[0] != 2.5 || mem[5] != 12.5 {
		t.Fatalf("array input: %v %v", err, mem)
	}
	runtime.KeepAlive(wide)
	runtime.KeepAlive(in)
	runtime.KeepAlive(out)
}

// BenchmarkOpRunTiny is the Go side of one op call on a tiny image: what
// the per-call overhead is made of, apart from ctypes and JSON in Python.
func BenchmarkOpRunTiny(b *testing.B) {
	g := toWire(gips.Geometry2d(gips.Real64, 4, 4))
	in := make([]float64, 16)
	w := wireImage{Geometry: g, TypeStr: "<f8", Data: addrOf(in), Strides: []int{32, 8}}
	body, _ := json.Marshal(runRequest{Op: "captest.double", Params: map[string]any{"offset": 1.0}})
	for b.Loop() {
		code, text := run(body, func(body []byte) (any, error) {
			var r runRequest
			if err := decode(body, &r); err != nil {
				return nil, err
			}
			r.Inputs, r.Output = []wireImage{w}, &w
			return runOp(r)
		})
		if code != codeOK {
			b.Fatal(text)
		}
	}
	runtime.KeepAlive(in)
}
