package main

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/measure"
)

// TestTableGoesToTheAllocator: a table result of a caller that takes
// tagged results comes back in blocks (a header of names and units, then
// each column's float64 values), bit for bit the Go table's, NaN
// included, for tables of many rows and of none; a caller without an
// allocator gets the JSON reply.
func TestTableGoesToTheAllocator(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const params = `{"measures":"area,perimeter,centroidX","spacing":[2,1]}` // x first: anisotropic, perimeter NaN
	body := []byte(`{"op":"measure.labelAnalysis","params":` + params + `}`)
	for _, labels := range []int{0, 5000} {
		dims := []int{90, 110}
		buf, rec := contiguous(dims, "<u2")
		for i := 0; i < len(buf); i += 2 {
			if labels > 0 {
				binary.LittleEndian.PutUint16(buf[i:], uint16(rng.IntN(labels+1)))
			}
		}
		u16 := unsafe.Slice((*uint16)(unsafe.Pointer(&buf[0])), len(buf)/2) // the array the C API wraps
		img, err := gips.FromArray(gips.ArrayOf(u16, dims[0], dims[1]))
		if err != nil {
			t.Fatal(err)
		}
		want, err := measure.LabelAnalysis(img, nil, measure.WithMeasures("area", "perimeter", "centroidX"), measure.WithSpacing(2, 1, 1))
		if err != nil {
			t.Fatal(err)
		}
		var al blockAlloc
		code, text, tag, value := opCall(body, 1, false, rec, al.alloc, nil, true)
		if code != codeOK || tag != tagTable || int(value) != want.Len() || len(al.blocks) != 1+len(want.Names) {
			t.Fatalf("%d labels: code %d %q, tag %d, %d rows (want %d), %d blocks", labels, code, text, tag, value, want.Len(), len(al.blocks))
		}
		var head tableHeader
		if err := json.Unmarshal(al.blocks[0], &head); err != nil {
			t.Fatalf("header %q: %v", al.blocks[0], err)
		}
		if strings.Join(head.Names, ",") != strings.Join(want.Names, ",") || strings.Join(head.Units, ",") != strings.Join(want.Units, ",") {
			t.Fatalf("header %+v, table %v %v", head, want.Names, want.Units)
		}
		nan := 0
		for c, col := range want.Columns {
			b := al.blocks[1+c]
			if len(col) > 0 && len(b) != 8*len(col) {
				t.Fatalf("column %s: block of %d bytes for %d rows", want.Names[c], len(b), len(col))
			}
			for r, v := range col {
				got := binary.LittleEndian.Uint64(b[8*r:])
				if got != math.Float64bits(v) {
					t.Fatalf("column %s row %d: %v, table %v", want.Names[c], r, math.Float64frombits(got), v)
				}
				if math.IsNaN(v) {
					nan++
				}
			}
		}
		if labels > 0 && nan != want.Len() {
			t.Fatalf("%d NaN perimeters of %d rows", nan, want.Len())
		}
		// No allocator: the table is in the JSON reply.
		code, text, tag, _ = opCall(body, 1, false, rec, nil, nil, true)
		if code != codeOK || tag != tagNone || !strings.Contains(text, `"centroidX":[`) {
			t.Fatalf("without an allocator: code %d tag %d %.80q", code, tag, text)
		}
		runtime.KeepAlive(buf)
	}
}
