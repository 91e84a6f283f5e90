package fill

import (
	"testing"
	"unsafe"
)

// loops runs f with the AVX2 stores (where the build and the CPU have
// them) and with the pure-Go doubling copy.
func loops(t *testing.T, f func(t *testing.T)) {
	had := haveAVX2
	defer func() { haveAVX2 = had }()
	for _, v := range []bool{false, true} {
		if v && !had {
			continue
		}
		haveAVX2 = v
		t.Run(map[bool]string{false: "go", true: "avx2"}[v], f)
	}
}

// TestSlice fills runs of every length up to a few chunks (and a long
// one), of three element sizes, inside a larger slice: every element of
// the run is the value and nothing either side is touched.
func TestSlice(t *testing.T) {
	loops(t, func(t *testing.T) {
		lengths := []int{0, 1, 2, 3, 7, 64, 255, 256, 257, chunk - 1, chunk, chunk + 1, 3*chunk + 5, 1 << 20}
		for _, n := range lengths {
			check(t, n, uint8(0xa5))
			check(t, n, int16(-2))
			check(t, n, 1.5)
		}
	})
}

func check[T comparable](t *testing.T, n int, v T) {
	var zero T
	buf := make([]T, n+2)
	Slice(buf[1:n+1], v)
	if buf[0] != zero || buf[n+1] != zero {
		t.Fatalf("%T n=%d: wrote outside the run", v, n)
	}
	for i, x := range buf[1 : n+1] {
		if x != v {
			t.Fatalf("%T n=%d: element %d is %v, want %v", v, n, i, x, v)
		}
	}
}

// TestSliceAtEveryAlignment fills runs that start at every byte offset
// of a 64-byte line, of each element size, including runs whose elements
// are not aligned to their size (a numpy array may be unaligned): the
// vector loop aligns its stores only when the pattern keeps its phase.
// Each element is compared by bytes with the value, and the bytes either
// side of the run stay as they were.
func TestSliceAtEveryAlignment(t *testing.T) {
	loops(t, func(t *testing.T) {
		for off := range 64 {
			for _, n := range []int{1, 3, 4, 5, 8, 15, 16, 17, 31, 33, 47, 64, 100, 129, 300} {
				alignedRun(t, off, n, uint8(0x5a))
				alignedRun(t, off, n, uint16(0x1234))
				alignedRun(t, off, n, uint32(0x89abcdef))
				alignedRun(t, off, n, uint64(0x0123456789abcdef))
			}
		}
	})
}

func alignedRun[T uint8 | uint16 | uint32 | uint64](t *testing.T, off, n int, v T) {
	size := int(unsafe.Sizeof(v))
	raw := make([]byte, 64+off+n*size+64)
	base := 64 - int(uintptr(unsafe.Pointer(&raw[0]))%64) // the first 64-byte boundary in raw
	for i := range raw {
		raw[i] = 0xee
	}
	start := base + off
	s := unsafe.Slice((*T)(unsafe.Pointer(&raw[start])), n)
	Slice(s, v)
	want := unsafe.Slice((*byte)(unsafe.Pointer(&v)), size)
	for i := range raw {
		k := i - start
		switch {
		case k < 0 || k >= n*size:
			if raw[i] != 0xee {
				t.Fatalf("%T off=%d n=%d: byte %d outside the run changed", v, off, n, k)
			}
		case raw[i] != want[k%size]:
			t.Fatalf("%T off=%d n=%d: byte %d is %#x, want %#x", v, off, n, k, raw[i], want[k%size])
		}
	}
}
