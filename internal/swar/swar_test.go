package swar

import (
	"encoding/binary"
	"testing"
)

func TestNonZeroEveryByteValueInEveryLane(t *testing.T) {
	for v := 0; v < 256; v++ {
		want := uint8(0)
		if v != 0 {
			want = 1
		}
		if got := NonZeroByte(uint8(v)); got != want {
			t.Fatalf("NonZeroByte(%d) = %d", v, got)
		}
		for lane := 0; lane < 8; lane++ {
			// the lane holds v, its neighbours 0x80 and 0xFF: no carry leaks
			var b [8]byte
			for i := range b {
				b[i] = []byte{0x80, 0xFF}[i%2]
			}
			b[lane] = byte(v)
			got := NonZero(binary.NativeEndian.Uint64(b[:]))
			var g [8]byte
			binary.NativeEndian.PutUint64(g[:], got)
			for i := range g {
				w := uint8(1)
				if b[i] == 0 {
					w = 0
				}
				if g[i] != w {
					t.Fatalf("NonZero: lane %d of %x gives %d, want %d", i, b, g[i], w)
				}
			}
		}
	}
}

func TestViewSharesMemory(t *testing.T) {
	px := []uint16{0x0102, 0x0304, 0x0506}
	b := Bytes(px)
	if len(b) != 6 {
		t.Fatalf("len %d", len(b))
	}
	b[0] = 0xFF
	if px[0]&0xFF != 0xFF && px[0]>>8 != 0xFF {
		t.Error("a write through the view is not seen")
	}
	if u := View[uint16](b); len(u) != 3 || &u[0] != &px[0] {
		t.Error("View[uint16] of the bytes is not the row")
	}
	if View[byte]([]float32(nil)) != nil {
		t.Error("empty row")
	}
}
