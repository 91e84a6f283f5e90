package fill

import "testing"

// TestSlice fills runs of every length up to a few chunks (and a long
// one), of three element sizes, inside a larger slice: every element of
// the run is the value and nothing either side is touched.
func TestSlice(t *testing.T) {
	lengths := []int{0, 1, 2, 3, 7, 64, 255, 256, 257, chunk - 1, chunk, chunk + 1, 3*chunk + 5, 1 << 20}
	for _, n := range lengths {
		check(t, n, uint8(0xa5))
		check(t, n, int16(-2))
		check(t, n, 1.5)
	}
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
