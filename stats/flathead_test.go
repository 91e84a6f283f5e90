package stats

import (
	"math"
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
			got, ok := flat.LookupReducer(c.op)(tt, b, 1, nil)
			if !ok || got != c.want {
				t.Fatalf("%v %s from pixel %d of a line: %v (%v), want %v", tt, c.op, k, got, ok, c.want)
			}
		}
	}
}

// TestFlatFloatExtremesAlignHead: the float extremes also run their vector
// loop from the first whole cache line, the head joining the scalar tail:
// min and max of long float buffers starting at each pixel of a line, with
// a NaN or a -0 in the head (pixel 1: pixel 0 starts the scan), the vector
// part or the tail, are Go's min and max over the pixels (NaN if any is
// NaN, -0 below +0).
func TestFlatFloatExtremesAlignHead(t *testing.T) {
	flatFloatHead[float32](t)
	flatFloatHead[float64](t)
}

func flatFloatHead[T float32 | float64](t *testing.T) {
	tt := gips.TypeOf[T]()
	size := int(unsafe.Sizeof(*new(T)))
	n := 16<<10/size + 77
	rng := rand.New(rand.NewPCG(5, uint64(size)))
	buf := make([]T, n+128)
	first := int(64-uintptr(unsafe.Pointer(&buf[0]))%64) % 64 / size
	for k := range 64 / size {
		for _, special := range []struct {
			at int
			v  float64
		}{{-1, 0}, {1, math.NaN()}, {n / 2, math.NaN()}, {n - 1, math.NaN()}, {1, math.Copysign(0, -1)}, {n - 1, math.Copysign(0, -1)}} {
			for i := range buf {
				buf[i] = T(rng.Float64()*2 - 1)
			}
			row := buf[first+k : first+k+n]
			if special.at >= 0 {
				row[special.at] = T(special.v)
			}
			lo, hi := float64(row[0]), float64(row[0])
			for _, v := range row {
				lo, hi = min(lo, float64(v)), max(hi, float64(v))
			}
			b := unsafe.Slice((*byte)(unsafe.Pointer(&row[0])), n*size)
			for _, c := range []struct {
				op   string
				want float64
			}{{"stats.min", lo}, {"stats.max", hi}} {
				got, ok := flat.LookupReducer(c.op)(tt, b, 1, nil)
				same := got == c.want && math.Signbit(got) == math.Signbit(c.want) || math.IsNaN(got) && math.IsNaN(c.want)
				if !ok || !same {
					t.Fatalf("%v %s from pixel %d of a line, %v at %d: %v (%v), want %v", tt, c.op, k, special.v, special.at, got, ok, c.want)
				}
			}
		}
	}
}
