package main

import (
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// Test ops whose results are a vector and a histogram, and whose vector
// echoes the parameters as Go parsed them.
func init() {
	ops.Register(&ops.Op{
		Name:   "captest.echo",
		Doc:    "Test op of the C API: the array parameter's numpy shape and values (C order), then sigma (x first).",
		Inputs: []ops.Input{{Name: "img"}},
		Params: []ops.Param{
			{Name: "footprint", Kind: ops.Array, Optional: true},
			{Name: "sigma", Kind: ops.Floats, Default: []float64{1}},
			{Name: "range", Kind: ops.Numbers, Optional: true, Len: 2},
		},
		Returns: ops.ResultVector,
		Halo: func(_ []gips.Geometry, p ops.Values) [3]int {
			s := ops.Axes3(p.Floats("sigma"))
			return [3]int{int(10 * s[0]), int(10 * s[1]), int(10 * s[2])}
		},
		Run: func(in []*gips.Image, _ *gips.Image, p ops.Values) (ops.Result, error) {
			var v []float64
			if !p.IsNone("footprint") {
				fp := p.Array("footprint")
				a, err := fp.Array()
				if err != nil {
					return ops.Result{}, err
				}
				for _, n := range a.Shape {
					v = append(v, float64(n))
				}
				for i := range a.Size() {
					idx := make([]int, len(a.Shape))
					for k, r := len(a.Shape)-1, i; k >= 0; k-- {
						idx[k], r = r%a.Shape[k], r/a.Shape[k]
					}
					v = append(v, a.Get(idx...))
				}
			}
			if !p.IsNone("range") {
				v = append(v, p.Numbers("range")...)
			}
			return ops.VectorResult(append(v, p.Floats("sigma")...)), nil
		},
	})
	ops.Register(&ops.Op{
		Name:    "captest.hist",
		Doc:     "Test op of the C API: a histogram of nbins bins, counts i, edges i/2.",
		Inputs:  []ops.Input{{Name: "img"}},
		Params:  []ops.Param{{Name: "nbins", Kind: ops.Int, Default: 4, Min: ops.Bound(0), Max: ops.Bound(1 << 20)}},
		Returns: ops.ResultHistogram,
		Run: func(_ []*gips.Image, _ *gips.Image, p ops.Values) (ops.Result, error) {
			n := p.Int("nbins")
			c, e := make([]int64, n), make([]float64, n+1)
			for i := range e {
				e[i] = float64(i) / 2
				if i < n {
					c[i] = int64(i)
				}
			}
			return ops.HistogramResult(c, e), nil
		},
	})
}

// allocator is a Go stand-in for numpy's allocation callback.
type allocator struct{ blocks [][]uint64 }

func (a *allocator) alloc(n int) uint64 {
	b := make([]uint64, (n+7)/8)
	a.blocks = append(a.blocks, b)
	return addrOf(b)
}

func tinyInput() ([]wireImage, []float64) {
	in := make([]float64, 4)
	return []wireImage{{Geometry: toWire(gips.Geometry2d(gips.Real64, 2, 2)), TypeStr: "<f8", Data: addrOf(in),
		Strides: []int{16, 8}}}, in
}

// TestParametersInPythonsJSONForm: the request text the Python binding
// sends for an Array (numpy shape and C-order data, non-finite values as
// strings), a per-axis Floats (already reversed to x first) and an
// Optional Numbers, decoded and parsed as gips_op_run does; the vector
// comes back through the allocator, not the JSON reply.
func TestParametersInPythonsJSONForm(t *testing.T) {
	body := `{"op":"captest.echo","params":{"sigma":[1,0.5,4],"range":[0.0,"Inf"],` +
		`"footprint":{"shape":[1,2,3],"data":[1.0,"NaN",0.0,"-Inf",1.0,2.5]}}}`
	var r runRequest
	if err := decode([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	ins, keep := tinyInput()
	r.Inputs = ins
	var al allocator
	r.Alloc = al.alloc
	res, err := runOp(r)
	if err != nil {
		t.Fatal(err)
	}
	rep, ok := res.(arrayReply)
	if !ok || rep.Kind != ops.ResultVector || len(al.blocks) != 1 {
		t.Fatalf("reply %#v, %d blocks", res, len(al.blocks))
	}
	got := unsafe.Slice((*float64)(unsafe.Pointer(&al.blocks[0][0])), rep.N)
	want := []float64{1, 2, 3, 1, math.NaN(), 0, math.Inf(-1), 1, 2.5, 0, math.Inf(1), 1, 0.5, 4}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("echo: %v, want %v", got, want)
	}
	if js, _ := json.Marshal(rep); len(js) > 40 {
		t.Fatalf("reply carries the values: %s", js)
	}
	// Left out: the optional parameters are None.
	r.Params = map[string]any{}
	al.blocks = nil
	if res, err = runOp(r); err != nil || res.(arrayReply).N != 1 {
		t.Fatalf("defaults: %v %v", res, err)
	}
	runtime.KeepAlive(keep)
}

func TestHistogramGoesToTheAllocator(t *testing.T) {
	ins, keep := tinyInput()
	for _, n := range []int{0, 5, 65536} {
		var al allocator
		res, err := runOp(runRequest{Op: "captest.hist", Inputs: ins, Params: map[string]any{"nbins": n}, Alloc: al.alloc})
		if err != nil {
			t.Fatal(err)
		}
		rep := res.(arrayReply)
		if rep.Kind != ops.ResultHistogram || rep.N != n || len(al.blocks) != 2 {
			t.Fatalf("nbins %d: %#v, %d blocks", n, rep, len(al.blocks))
		}
		for i := range n {
			if c := int64(al.blocks[0][i]); c != int64(i) {
				t.Fatalf("nbins %d: count %d = %d", n, i, c)
			}
		}
		edges := unsafe.Slice((*float64)(unsafe.Pointer(&al.blocks[1][0])), n+1)
		if edges[n] != float64(n)/2 {
			t.Fatalf("nbins %d: last edge %v", n, edges[n])
		}
	}
	// A failed allocation is an error, not a crash.
	_, err := runOp(runRequest{Op: "captest.hist", Inputs: ins, Alloc: func(int) uint64 { return 0 }})
	if err == nil || !strings.Contains(err.Error(), "allocating") {
		t.Fatalf("failed allocation: %v", err)
	}
	// Without an allocator (a JSON-only caller), the result is JSON.
	res, err := runOp(runRequest{Op: "captest.hist", Inputs: ins})
	if _, ok := res.(ops.Result); err != nil || !ok {
		t.Fatalf("no allocator: %#v %v", res, err)
	}
	runtime.KeepAlive(keep)
}

// TestOutputArrayWrappedInTheCall: an out array is wrapped with the op's
// output geometry in the op call itself; planes it cannot share are copied
// for the call and written back.
func TestOutputArrayWrappedInTheCall(t *testing.T) {
	ins, in := tinyInput()
	copy(in, []float64{1, 2, 3, 4})
	wide := make([]float64, 8)
	arr := func(ro bool) *wireImage {
		return &wireImage{Source: &wrapRequest{Kind: "array", Array: &wireArray{Data: addrOf(wide), TypeStr: "<f8",
			Shape: []int{2, 2}, Strides: []int{32, 16}, ReadOnly: ro}}}
	}
	r := runRequest{Op: "captest.double", Inputs: ins, Output: arr(false), Params: map[string]any{"offset": 1.0}}
	if _, err := runOp(r); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(wide) != "[3 0 5 0 7 0 9 0]" {
		t.Fatalf("strided out: %v", wide)
	}
	r.Output = arr(true)
	if _, err := runOp(r); codeOf(err) != codeReadOnly {
		t.Fatalf("read-only out: %v", err)
	}
	r.Output = &wireImage{Source: &wrapRequest{Kind: "array", Array: &wireArray{Data: addrOf(wide), TypeStr: "<f8",
		Shape: []int{2, 4}, Strides: []int{32, 8}}}}
	if _, err := runOp(r); codeOf(err) != codeValue || !strings.Contains(err.Error(), "output") {
		t.Fatalf("out of another shape: %v", err)
	}
	runtime.KeepAlive(wide)
}

func TestHaloOfArraysByShape(t *testing.T) {
	for _, c := range []struct {
		body string
		want string
	}{
		{`{"op":"captest.echo","params":{"sigma":[1,0.5,0.2]}}`, "[10 5 2]"},
		// Clamped to the array's sizes: shape (z, y, x) = (4, 5, 30).
		{`{"op":"captest.echo","inputs":[{"array":{"typestr":"<u2","shape":[4,5,30]}}],"params":{"sigma":[1,0.5,0.2]}}`, "[10 4 2]"},
		{`{"op":"captest.echo","inputs":[{"array":{"typestr":"|b1","shape":[5,30]}}],"params":{"sigma":[1,0.5,0.2]}}`, "[10 4 0]"},
		{`{"op":"captest.echo","inputs":[{"type":"UInt8","sizeX":8,"sizeY":9,"sizeZ":2,"sizeC":1,"sizeT":1,"volume":true}],"params":{"sigma":[1,0.5,0.2]}}`, "[7 5 1]"},
	} {
		res, err := handleOpHalo([]byte(c.body))
		if err != nil || fmt.Sprint(res) != c.want {
			t.Errorf("%s: %v %v", c.body, res, err)
		}
	}
	for body, code := range map[string]int{
		`{"op":"captest.double","inputs":[{"array":{"typestr":"<u2","shape":[4]}}]}`:        codeValue,
		`{"op":"captest.double","inputs":[{"array":{"typestr":"<f2","shape":[4,5]}}]}`:      codeType,
		`{"op":"captest.double","inputs":[{"array":{"typestr":"<u2","shape":[0,5,6]}}]}`:    codeValue,
		`{"op":"captest.double","inputs":[{"type":"UInt8","sizeX":0,"sizeY":1,"sizeZ":1}]}`: codeValue,
	} {
		if _, err := handleOpHalo([]byte(body)); codeOf(err) != code {
			t.Errorf("%s: code %d (%v), want %d", body, codeOf(err), err, code)
		}
	}
}
