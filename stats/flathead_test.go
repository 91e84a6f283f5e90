package stats

import (
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/flat"
)

// TestFlatReduceAlignHead: the integer scan runs its vector loops from a
// long run's first whole cache line (pw.Head), the head in the Go loop:
// min, max and sum of long buffers starting at each pixel of a line are
// the brute-force ones.
func TestFlatReduceAlignHead(t *testing.T) {
	flatHead[uint8](t)
	flatHead[int8](t)
	flatHead[int16](t)
	flatHead[uint16](t)
	flatHead[int32](t)
	flatHead[uint32](t)
}

func flatHead[T gips.Pixel](t *testing.T) {
	tt := gips.TypeOf[T]()
	size := int(unsafe.Sizeof(*new(T)))
	n := 16<<10/size + 77 // over pw.Head's least run
	rng := rand.New(rand.NewPCG(4, uint64(size)))
	buf := make([]T, n+128)
	for i := range buf {
		b := rng.Uint64()
		buf[i] = *(*T)(unsafe.Pointer(&b)) // random bits of the pixel's width (little-endian)
	}
	first := int(64-uintptr(unsafe.Pointer(&buf[0]))%64) % 64 / size // buf[first] starts a line
	for k := range 64 / size {
		row := buf[first+k : first+k+n]
		lo, hi, sum := row[0], row[0], 0.0
		for _, v := range row {
			lo, hi, sum = min(lo, v), max(hi, v), sum+float64(v)
		}
		b := unsafe.Slice((*byte)(unsafe.Pointer(&row[0])), n*size)
		for _, c := range []struct {
			op   string
			want float64
		}{{"stats.min", float64(lo)}, {"stats.max", float64(hi)}, {"stats.sum", sum}} {
			got, ok := flat.LookupReducer(c.op)(tt, b, nil)
			if !ok || got != c.want {
				t.Fatalf("%v %s from pixel %d of a line: %v (%v), want %v", tt, c.op, k, got, ok, c.want)
			}
		}
	}
}
