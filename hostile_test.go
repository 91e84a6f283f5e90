package gips

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/gipsdev/gips/internal/childtest"
)

// TestAllocationRefusedBeforeItHappens: images and copies whose byte count
// the machine cannot hold are refused with ErrTooLarge; without the check
// the allocation ends the process ("fatal error: out of memory") or panics
// (makeslice: len out of range), hence the child process.
func TestAllocationRefusedBeforeItHappens(t *testing.T) {
	if !childtest.InChild(t, 3*time.Minute) {
		return
	}
	if MaxAlloc() <= 0 || MaxAlloc() > addressLimit {
		t.Fatalf("MaxAlloc %d", MaxAlloc())
	}
	// More pixels than memory, a byte count that fits an int.
	huge := Geometry3d(Real64, 1<<20, 1<<20, 1<<10) // 2^53 bytes
	if _, err := CreateImage(huge); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("CreateImage(%v) = %v, want ErrTooLarge", huge, err)
	}
	// A byte count that overflows int: 2^64 pixels.
	over := Geometry2d(UInt8, 1<<32, 1<<32)
	if _, err := CreateImage(over); !errors.Is(err, ErrTooLarge) || !errors.Is(err, ErrGeometry) {
		t.Fatalf("CreateImage(%v) = %v, want ErrGeometry and ErrTooLarge", over, err)
	}
	// A broadcast array (stride 0) of 10^13 bytes over 8 bytes of memory:
	// wrapping it needs a copy, which must be refused.
	b := make([]byte, 8)
	a, err := ArrayAt(unsafe.Pointer(&b[0]), "|u1", []int{1000000, 10000000}, []int{0, 0}, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := FromArray(a); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "x stride 0") {
		t.Fatalf("FromArray(broadcast 10^13 bytes) = %v, want ErrTooLarge saying why it copies", err)
	}
	// The same through a strided x axis (shares nothing, copies every plane).
	a = Array{DType: "<u2", Shape: []int{1 << 20, 1 << 22}, Strides: []int{0, 0}, Data: make([]byte, 2)}
	if _, err := FromArray(a); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("FromArray(broadcast uint16) = %v, want ErrTooLarge", err)
	}
	// Digisens padding can overflow a geometry that fits.
	g := Geometry3d(UInt8, 1, 1<<20, 1<<20)
	if _, _, err := DigisensStrides(g, 1<<30, 1); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("DigisensStrides(%v, 2^30) = %v, want ErrTooLarge", g, err)
	}
}

// TestSetMaxAllocBoundsImages: a lowered MaxAlloc refuses an image just
// above it and accepts one at it; 0 restores the default.
func TestSetMaxAllocBoundsImages(t *testing.T) {
	def := MaxAlloc()
	prev := SetMaxAlloc(1000)
	defer SetMaxAlloc(0)
	if prev != def {
		t.Fatalf("SetMaxAlloc returned %d, want the default %d", prev, def)
	}
	if _, err := CreateImage(Geometry2d(UInt16, 25, 20)); err != nil { // 1000 bytes
		t.Fatalf("1000 bytes under a 1000-byte limit: %v", err)
	}
	if _, err := CreateImage(Geometry2d(UInt16, 25, 21)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("1050 bytes under a 1000-byte limit: %v", err)
	}
	SetMaxAlloc(0)
	if MaxAlloc() != def {
		t.Fatalf("SetMaxAlloc(0) left %d, want %d", MaxAlloc(), def)
	}
}

// TestArrayExtentOverflowRefused: descriptors whose stride times size, or
// whose element count, overflows are errors (ErrShape) from ArrayAt and
// FromArray, and a panic with a message from ArrayOf (its contract for a
// bad shape), never an extent that wraps around into a small one.
func TestArrayExtentOverflowRefused(t *testing.T) {
	b := make([]byte, 64)
	p := unsafe.Pointer(&b[0])
	for _, c := range []struct {
		shape, strides []int
	}{
		{[]int{1 << 40, 1 << 40}, []int{1 << 40, 1}},       // (n-1)*s = 2^80
		{[]int{1<<33 + 1, 2}, []int{1 << 31, 1}},           // (n-1)*s = 2^64: wraps to 0
		{[]int{1<<33 + 1, 2}, []int{-(1 << 31), 1}},        // the same downwards
		{[]int{1 << 40, 1 << 40}, []int{0, 0}},             // 2^80 elements over one byte
		{[]int{1 << 21, 1 << 21, 1 << 21}, []int{0, 0, 0}}, // 2^63 elements
		{[]int{3, 1 << 46, 4}, []int{1 << 46, 2, 1}},       // a span beyond any address space
		{[]int{2, 2}, []int{1 << 62, 1}},                   // a stride beyond it
	} {
		name := fmt.Sprintf("shape %v strides %v", c.shape, c.strides)
		if _, err := ArrayAt(p, "|u1", c.shape, c.strides, false); !errors.Is(err, ErrShape) {
			t.Errorf("ArrayAt(%s) = %v, want ErrShape", name, err)
		}
		a := Array{DType: "|u1", Shape: c.shape, Strides: c.strides, Data: b}
		// FromArray may see the bad geometry first: either is a refusal.
		if _, err := FromArray(a); !errors.Is(err, ErrShape) && !errors.Is(err, ErrGeometry) {
			t.Errorf("FromArray(%s) = %v, want ErrShape or ErrGeometry", name, err)
		}
	}
	// An empty array with huge other sizes is still an empty array.
	if _, err := ArrayAt(p, "|u1", []int{1 << 40, 0, 1 << 40}, []int{1 << 40, 1, 1}, false); err != nil {
		t.Errorf("empty array: %v", err)
	}
	msg := func() (m string) {
		defer func() { m = fmt.Sprint(recover()) }()
		ArrayOf([]uint8{}, 1<<32, 1<<32) // 2^64 elements: wraps to 0 == len(data)
		return "no panic"
	}()
	if !strings.Contains(msg, "overflows") {
		t.Errorf("ArrayOf(2^64 elements) = %q, want a panic saying the count overflows", msg)
	}
}

// TestConvertToReadsBinaryAsZeroOne: a Binary image is any byte, non-zero
// meaning true: 0/255, 0/1 and int8 -1 masks convert to the same values.
func TestConvertToReadsBinaryAsZeroOne(t *testing.T) {
	pattern := []uint8{0, 1, 1, 0, 0, 1}
	masks := binaryMasks(t, pattern, 3, 2)
	for _, to := range []BufferType{UInt8, Int16, Real32, Binary} {
		for name, m := range masks {
			c, err := ConvertTo(m, to)
			if err != nil {
				t.Fatal(err)
			}
			a, _ := c.Array()
			for i, want := range pattern {
				if got := a.Get(i/3, i%3); got != float64(want) {
					t.Fatalf("ConvertTo(%s mask, %v): pixel %d = %v, want %v", name, to, i, got, want)
				}
			}
		}
	}
}

// binaryMasks wraps pattern (0/1, y-major) as Binary images holding 0/1,
// 0/255 and, from an int8 array, 0/-1.
func binaryMasks(t *testing.T, pattern []uint8, sx, sy int) map[string]*Image {
	u255 := make([]uint8, len(pattern))
	i8 := make([]int8, len(pattern))
	for i, v := range pattern {
		u255[i] = 255 * v
		i8[i] = -int8(v)
	}
	out := map[string]*Image{}
	for name, a := range map[string]Array{"0/1": ArrayOf(append([]uint8(nil), pattern...), sy, sx),
		"0/255": ArrayOf(u255, sy, sx), "int8 0/-1": ArrayOf(i8, sy, sx)} {
		img, err := FromBinaryArray(a)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = img
	}
	return out
}
