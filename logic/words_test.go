package logic

import "testing"

// TestNonZeroLanes checks nzw on every byte value in every lane, next to
// lanes holding other values, so that a carry across lanes would show.
func TestNonZeroLanes(t *testing.T) {
	for v := range 256 {
		for lane := range 8 {
			for _, fill := range []uint64{0, 0xFFFFFFFFFFFFFFFF, 0x8080808080808080, 0x7F7F7F7F7F7F7F7F} {
				x := fill&^(0xFF<<(8*lane)) | uint64(v)<<(8*lane)
				got := nzw(x) >> (8 * lane) & 0xFF
				want := uint64(0)
				if v != 0 {
					want = 1
				}
				if got != want {
					t.Fatalf("byte %#x in lane %d of %#x: nzw gives %d, want %d", v, lane, x, got, want)
				}
			}
		}
	}
}

// TestWordRowsMatchDefinition: wordRows (the AVX2 loop first under
// GOEXPERIMENT=simd, then the word loop) against the byte definitions of
// the bitwise and Binary ops (non-zero is true, results 0 or 1), on every
// pair of byte values, at each start in a cache line and with odd tails;
// the same with the vector loop switched off; nothing written past d.
func TestWordRowsMatchDefinition(t *testing.T) {
	a, b := make([]byte, 256*256+100), make([]byte, 256*256+100)
	for i := range 256 * 256 {
		a[i], b[i] = byte(i), byte(i>>8)
	}
	for i := 256 * 256; i < len(a); i++ {
		a[i], b[i] = byte(i*7), byte(i*13)
	}
	nz := func(x byte) byte { return min(x, 1) }
	want := func(op wordOp, bin bool, x, y byte) byte {
		switch {
		case bin && op == wAnd:
			return nz(x) & nz(y)
		case bin && op == wOr:
			return nz(x | y)
		case bin && op == wXor:
			return nz(x) ^ nz(y)
		case bin:
			return nz(x) ^ 1
		case op == wAnd:
			return x & y
		case op == wOr:
			return x | y
		case op == wXor:
			return x ^ y
		}
		return ^x
	}
	saved := haveAVX2
	defer func() { haveAVX2 = saved }()
	for _, vec := range []bool{saved, false} {
		haveAVX2 = vec
		for _, op := range []wordOp{wAnd, wOr, wXor, wNot} {
			for _, bin := range []bool{false, true} {
				for _, start := range []int{0, 1, 17, 63} {
					n := len(a) - start - 64 - start%3
					d := make([]byte, n+1)
					d[n] = 7
					k := wordRows(op, bin, d[:n], a[start:start+n], b[start:start+n])
					if k != n&^7 || d[n] != 7 {
						t.Fatalf("op %d bin %v: did %d of %d bytes, past the end %d", op, bin, k, n, d[n])
					}
					for i := range k {
						if x, y := a[start+i], b[start+i]; d[i] != want(op, bin, x, y) {
							t.Fatalf("vec %v op %d bin %v: %d, %d gives %d, want %d", vec, op, bin, x, y, d[i], want(op, bin, x, y))
						}
					}
				}
			}
		}
	}
}
