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
