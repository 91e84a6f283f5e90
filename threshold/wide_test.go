package threshold

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
)

// TestRangeWideMatchesDefinition: the range test of 32- and 64-bit pixels
// (the AVX-512 loops first where the build has them, and the Go loop)
// against flo <= float64(v) <= fhi, on edge values and random bit
// patterns in rows of odd lengths, for bounds between, on and next to
// float32 and integer values, infinite and empty; nothing is written
// beyond the row.
func TestRangeWideMatchesDefinition(t *testing.T) { eachWidth(t, testRangeWide) }

func testRangeWide(t *testing.T) {
	rangeWide[float32](t)
	rangeWide[float64](t)
	rangeWide[int32](t)
	rangeWide[uint32](t)
	rangeWide[int16](t) // the SWAR and AVX2 types, through the same row
	rangeWide[uint8](t)
}

func rangeWide[T gips.Pixel](t *testing.T) {
	var edges []float64
	for _, b := range []float64{0, 1, 0.5, 1 + 0x1p-30, 100, 16777217, math.MaxInt32, math.MaxUint32, math.MaxFloat32, 4e38} {
		edges = append(edges, b, -b, math.Nextafter(b, math.Inf(1)), math.Nextafter(b, math.Inf(-1)), b+0.5, -b-0.5)
	}
	edges = append(edges, math.Inf(1), math.Inf(-1), math.Copysign(0, -1), math.NaN(), 5e-324, -5e-324)
	tt := gips.TypeOf[T]()
	var s []T
	for _, v := range edges {
		if !tt.IsFloat() {
			lo, hi := tt.Range()
			if v != v {
				continue
			}
			v = math.Trunc(min(max(v, lo), hi))
		}
		s = append(s, T(v))
	}
	rng := rand.New(rand.NewPCG(5, uint64(tt)))
	size := int(unsafe.Sizeof(s[0]))
	for range 1001 {
		var v T
		bits := rng.Uint64()
		copy(unsafe.Slice((*byte)(unsafe.Pointer(&v)), size), unsafe.Slice((*byte)(unsafe.Pointer(&bits)), 8))
		if rng.IntN(3) == 0 {
			v = T(edges[rng.IntN(len(edges))])
		}
		s = append(s, v)
	}
	d := make([]uint8, len(s)+1)
	for _, lo := range edges {
		for _, hi := range []float64{math.Inf(1), 100, 1 + 0x1p-30, math.Nextafter(16777217, 0), math.MaxInt32 + 0.5, -0.5, 3e38, math.Inf(-1)} {
			if lo != lo {
				continue
			}
			r := newRangeTest[T](lo, hi)
			for _, span := range [][2]int{{0, len(s)}, {3, len(s) - 4}, {1, 30}, {7, 8}} {
				for i := range d {
					d[i] = 7
				}
				row := s[span[0]:span[1]]
				r.row(d[:len(row)], row)
				for i, v := range row {
					f := float64(v)
					if want := b2u(lo <= f && f <= hi); d[i] != want {
						t.Fatalf("%v [%v, %v]: pixel %d of %d: %v gives %d", tt, lo, hi, i, len(row), v, d[i])
					}
				}
				if d[len(row)] != 7 {
					t.Fatalf("%v: wrote beyond the row", tt)
				}
			}
		}
	}
}

// TestRangeHeadMatchesDefinition: rows long enough for row's aligned head
// (pw.Head: 16 KiB and more), starting at each pixel of a cache line, the
// output at as many bytes after a line's start (the head of 8-bit rows is
// the output's), so that the head, the vector loops and the tail all run;
// against the definition, both widths.
func TestRangeHeadMatchesDefinition(t *testing.T) {
	eachWidth(t, func(t *testing.T) {
		rangeHead[float32](t, 30, 31.5)
		rangeHead[float64](t, -2, 7)
		rangeHead[int32](t, -1000, 1e9)
		rangeHead[uint32](t, 5, math.Inf(1))
		rangeHead[int16](t, -3000, 200)
		rangeHead[uint16](t, 100, 60000)
		rangeHead[int8](t, -5, 90)
		rangeHead[uint8](t, 40, 200)
	})
}

func rangeHead[T gips.Pixel](t *testing.T, lo, hi float64) {
	size := int(unsafe.Sizeof(*new(T)))
	n := 16<<10/size + 77
	rng := rand.New(rand.NewPCG(9, uint64(size)))
	buf := make([]T, n+128)
	for i := range buf {
		bits := rng.Uint64()
		copy(unsafe.Slice((*byte)(unsafe.Pointer(&buf[i])), size), unsafe.Slice((*byte)(unsafe.Pointer(&bits)), 8))
	}
	first := int(64-uintptr(unsafe.Pointer(&buf[0]))%64) % 64 / size // buf[first] starts a line
	r := newRangeTest[T](lo, hi)
	out := make([]uint8, n+1+128)
	dfirst := int(64-uintptr(unsafe.Pointer(&out[0]))%64) % 64
	for k := range 64 / size {
		row := buf[first+k : first+k+n]
		d := out[dfirst+k : dfirst+k+n+1]
		d[n] = 7
		r.row(d[:n], row)
		for i, v := range row {
			f := float64(v)
			if want := b2u(lo <= f && f <= hi); d[i] != want {
				t.Fatalf("%T [%v, %v], start %d: pixel %d: %v gives %d", v, lo, hi, k, i, v, d[i])
			}
		}
		if d[n] != 7 {
			t.Fatalf("%T: wrote beyond the row", row[0])
		}
	}
}
