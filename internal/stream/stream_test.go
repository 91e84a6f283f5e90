package stream

import (
	"testing"
	"unsafe"
)

// TestCopyIsCopy: Copy of every length up to a few lines, at every byte
// offset from a cache line, writes src into dst and nothing around it.
func TestCopyIsCopy(t *testing.T) {
	for n := range 5*64 + 3 {
		for off := range 64 {
			buf := make([]byte, n+3*64)
			s := (64 - int(uintptr(unsafe.Pointer(&buf[0]))%64)) % 64 // buf[s] starts a line
			src := make([]byte, n)
			for i := range src {
				src[i] = byte(i%251 + 1)
			}
			for i := range buf {
				buf[i] = 0
			}
			lo := s + off
			Copy(buf[lo:lo+n], src)
			Fence()
			for i, v := range buf {
				want := byte(0)
				if i >= lo && i < lo+n {
					want = src[i-lo]
				}
				if v != want {
					t.Fatalf("%d bytes at offset %d: byte %d is %d, want %d", n, off, i-lo, v, want)
				}
			}
		}
	}
}

// TestBlocksWritesEveryBlockOnce: Blocks hands fill each part of dst
// once, in order, in blocks of whole items of at most BlockBytes, and
// dst ends up holding what fill wrote; a fill that declines stops it.
func TestBlocksWritesEveryBlockOnce(t *testing.T) {
	for _, item := range []int{1, 2, 4, 8, 12} {
		n := 3*BlockBytes/item*item + 5*item // three full blocks and a short one
		dst := make([]byte, n+1)
		next := 0
		ok := Blocks(dst[1:], item, func(off int, b []byte) bool {
			if off != next || len(b)%item != 0 || len(b) > BlockBytes || len(b) == 0 {
				t.Fatalf("item %d: block at %d of %d bytes, want one at %d", item, off, len(b), next)
			}
			for i := range b {
				b[i] = byte((off+i)%253 + 1)
			}
			next += len(b)
			return true
		})
		if !ok || next != n {
			t.Fatalf("item %d: ok %v after %d of %d bytes", item, ok, next, n)
		}
		for i, v := range dst[1:] {
			if v != byte(i%253+1) {
				t.Fatalf("item %d: byte %d is %d, want %d", item, i, v, i%253+1)
			}
		}
		if dst[0] != 0 {
			t.Fatalf("item %d: the byte before dst was written", item)
		}
	}
	dst := make([]byte, 3*BlockBytes)
	calls := 0
	ok := Blocks(dst, 1, func(off int, b []byte) bool {
		calls++
		if off > 0 {
			return false
		}
		for i := range b {
			b[i] = 7
		}
		return true
	})
	if ok || calls != 2 || dst[BlockBytes-1] != 7 || dst[BlockBytes] != 0 {
		t.Fatalf("declining fill: ok %v, %d calls, bytes %d %d; want false, 2, 7 0", ok, calls, dst[BlockBytes-1], dst[BlockBytes])
	}
}

// TestOn: streaming is for outputs of Min bytes or more, never when Off,
// and only in a build that has the stores.
func TestOn(t *testing.T) {
	if On(Min-1) || On(Min) != have {
		t.Fatalf("On(Min-1) %v, On(Min) %v with have %v", On(Min-1), On(Min), have)
	}
	Off = true
	defer func() { Off = false }()
	if On(Min) {
		t.Fatal("On(Min) with Off")
	}
}
