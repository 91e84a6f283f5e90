package logic

import (
	"testing"
	"unsafe"
)

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
// pair of byte values, at each start in a cache line and with odd tails,
// the output placed for either loop direction and the loop run as chosen
// and forced both ways; the same with the vector loop switched off;
// nothing written past d.
func TestWordRowsMatchDefinition(t *testing.T) {
	a, b := make([]byte, 256*256+100), make([]byte, 256*256+100)
	for i := range 256 * 256 {
		a[i], b[i] = byte(i), byte(i>>8)
	}
	for i := 256 * 256; i < len(a); i++ {
		a[i], b[i] = byte(i*7), byte(i*13)
	}
	want := wordDef
	saved := haveAVX2
	defer func() { haveAVX2, loopDir = saved, 0 }()
	for _, vec := range []bool{saved, false} {
		haveAVX2 = vec
		for _, op := range []wordOp{wAnd, wOr, wXor, wNot} {
			for _, bin := range []bool{false, true} {
				for k, start := range []int{0, 1, 17, 63} {
					n := len(a) - start - 64 - start%3
					p := placements[k%len(placements)]
					d, pa, pb := placed(n+1, p.da, p.db, p.start)
					copy(pa, a[start:start+n])
					copy(pb, b[start:start+n])
					for _, dir := range []int{0, 1, -1} {
						loopDir = dir
						clear(d)
						d[n] = 7
						k := wordRows(op, bin, d[:n], pa[:n], pb[:n])
						if k != n&^7 || d[n] != 7 {
							t.Fatalf("op %d bin %v: did %d of %d bytes, past the end %d", op, bin, k, n, d[n])
						}
						for i := range k {
							if x, y := pa[i], pb[i]; d[i] != want(op, bin, x, y) {
								t.Fatalf("vec %v op %d bin %v %v dir %d: %d, %d gives %d, want %d", vec, op, bin, p, dir, x, y, d[i], want(op, bin, x, y))
							}
						}
					}
				}
			}
		}
	}
}

// TestWordRowsEveryLength: wordRows against the definitions at every
// length up to 200 from starts across a cache line, the output placed for
// either loop direction, the loop run as chosen and forced both ways.
func TestWordRowsEveryLength(t *testing.T) {
	defer func() { loopDir = 0 }()
	for n := range 201 {
		for _, p := range placements {
			p.start += n % 64
			d, a, b := placed(n, p.da, p.db, p.start)
			for i := range a {
				a[i], b[i] = byte(i*7+n), byte(i*13)%3
			}
			for _, op := range []wordOp{wAnd, wOr, wXor, wNot} {
				for _, bin := range []bool{false, true} {
					for _, dir := range []int{0, 1, -1} {
						loopDir = dir
						clear(d)
						k := wordRows(op, bin, d, a, b)
						if k != n&^7 {
							t.Fatalf("op %d bin %v: did %d of %d bytes", op, bin, k, n)
						}
						for i := range k {
							if x, y := a[i], b[i]; d[i] != wordDef(op, bin, x, y) {
								t.Fatalf("n %d %v dir %d op %d bin %v: %d, %d gives %d, want %d", n, p, dir, op, bin, x, y, d[i], wordDef(op, bin, x, y))
							}
						}
					}
				}
			}
		}
	}
}

// wordDef is the byte definition of the op: bitwise, or on Binary bytes
// (non-zero is true, results 0 or 1).
func wordDef(op wordOp, bin bool, x, y byte) byte {
	nz := func(x byte) byte { return min(x, 1) }
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

// placements put the output da bytes after a and db bytes after b modulo
// 4 KiB (negative: before), start bytes into a cache line: the vector
// loop goes backwards on the first two, forwards on the others.
var placements = []struct{ da, db, start int }{{16, 32, 0}, {48, 16, 24}, {-16, -32, 8}, {32, -16, 16}, {1040, 2064, 40}}

// placed gives rows d, a and b of n bytes, apart, d da bytes after a and
// db after b modulo 4 KiB.
func placed(n, da, db, start int) (d, a, b []byte) {
	span := (n+4095)/4096*4096 + 4096
	buf := make([]byte, 3*span+4096)
	page := (4096 - int(uintptr(unsafe.Pointer(&buf[0]))%4096)) % 4096
	at := func(region, off int) []byte {
		off = (off%4096 + 4096) % 4096
		return buf[page+region*span+off:][:n:n]
	}
	o := 2048 + start
	return at(2, o), at(0, o-da), at(1, o-db)
}
