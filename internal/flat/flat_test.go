package flat

import (
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
)

// TestSameAlignHead: Same1 and Same2 hand their row kernel the output's
// bytes up to its first 64-byte boundary first (pointwise.Head), then the
// rest, the inputs cut at the same pixel; every pixel is computed once.
func TestSameAlignHead(t *testing.T) {
	const n = 5000 // float32s: 20000 bytes, over the head's least run
	bufAt := func(off int, seed byte) []byte {
		buf := make([]byte, 4*n+64)
		s := int(64-uintptr(unsafe.Pointer(&buf[0]))%64)%64 + off
		b := buf[s : s+4*n]
		for i := range b {
			b[i] = byte(i)*seed + 1
		}
		return b
	}
	for off := 0; off < 64; off += 4 {
		var calls []int
		r1, r2 := Rows1{}, Rows2{}
		r1[gips.Real32] = func(d, a []byte) {
			calls = append(calls, len(d))
			for i := range d {
				d[i] = a[i] + 1
			}
		}
		r2[gips.Real32] = func(d, a, b []byte) {
			calls = append(calls, len(d))
			for i := range d {
				d[i] = a[i] - b[i]
			}
		}
		want := []int{4 * n}
		if head := (64 - off) % 64; head > 0 {
			want = []int{head, 4*n - head}
		}
		d, a, b := bufAt(off, 0), bufAt(off, 3), bufAt(off, 5)
		types := Types{gips.Real32, gips.Real32}
		for name, run := range map[string]func() bool{
			"Same1": func() bool { return Same1(r1)(gips.Real32, 1, types, d, Buffers{a}, nil) },
			"Same2": func() bool { return Same2(r2)(gips.Real32, 2, types, d, Buffers{a, b}, nil) },
		} {
			calls = calls[:0]
			if !run() {
				t.Fatalf("offset %d, %s declined", off, name)
			}
			if len(calls) != len(want) || calls[0] != want[0] {
				t.Fatalf("offset %d, %s: kernel calls of %v bytes, want %v", off, name, calls, want)
			}
			for i := range d {
				w := a[i] + 1
				if name == "Same2" {
					w = a[i] - b[i]
				}
				if d[i] != w {
					t.Fatalf("offset %d, %s: byte %d = %d, want %d", off, name, i, d[i], w)
				}
			}
		}
	}
}
