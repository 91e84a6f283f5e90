package logic

import (
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
)

// TestMaskWideMatchesDefinition: the mask row of every pixel type (the
// AVX-512 loops first where the build has them, then with them off) keeps
// a pixel's bits where the mask byte is non-zero and writes 0 (all bits
// clear: +0 for floats) elsewhere, on random bit patterns (NaNs, -0) and
// mask bytes, in rows of odd lengths from odd offsets, writing nothing
// beyond the row.
func TestMaskWideMatchesDefinition(t *testing.T) {
	saved := useAVX512
	defer func() { useAVX512 = saved }()
	for _, on := range []bool{saved, false} {
		useAVX512 = on
		maskWide1[uint8](t)
		maskWide1[int16](t)
		maskWide1[uint32](t)
		maskWide1[int32](t)
		maskWide1[float32](t)
		maskWide1[float64](t)
	}
}

func maskWide1[T gips.Pixel](t *testing.T) {
	tt := gips.TypeOf[T]()
	rng := rand.New(rand.NewPCG(7, uint64(tt)))
	const n = 1000 + 17
	a, m := make([]T, n), make([]uint8, n)
	size := int(unsafe.Sizeof(a[0]))
	ab := unsafe.Slice((*byte)(unsafe.Pointer(&a[0])), n*size)
	for i := range ab {
		ab[i] = byte(rng.Uint32())
	}
	for i := range m {
		m[i] = []uint8{0, 0, 1, 0x80, 0xFF, byte(rng.Uint32())}[rng.IntN(6)]
	}
	row := maskRow[T](tt)
	d := make([]T, n+1)
	db := unsafe.Slice((*byte)(unsafe.Pointer(&d[0])), (n+1)*size)
	for _, r := range [][2]int{{0, n}, {3, n - 2}, {1, 30}, {5, 6}} {
		for i := range db {
			db[i] = 0x5A
		}
		k := r[1] - r[0]
		row(d[:k], a[r[0]:r[1]], m[r[0]:r[1]])
		for i := range k {
			got := db[i*size : (i+1)*size]
			want := ab[(r[0]+i)*size : (r[0]+i+1)*size]
			if m[r[0]+i] == 0 {
				want = make([]byte, size)
			}
			if string(got) != string(want) {
				t.Fatalf("%v (AVX-512 %v): pixel %d of %d, mask %d: % x, want % x", tt, useAVX512, i, k, m[r[0]+i], got, want)
			}
		}
		if db[k*size] != 0x5A {
			t.Fatalf("%v: wrote beyond the row", tt)
		}
	}
}
