package scratch

import "testing"

func TestGetReusesOnlyFittingBuffersOfItsType(t *testing.T) {
	var p Pool
	a := Get[float32](&p, 100)
	if len(a) != 100 {
		t.Fatalf("len %d, want 100", len(a))
	}
	a[0] = 7
	Put(&p, a)
	// Another type never gets the float32 buffer.
	if b := Get[float64](&p, 10); len(b) != 10 || b[0] != 0 {
		t.Fatalf("float64 buffer %v from a pool holding float32", b[:1])
	}
	Put(&p, a)
	// A larger request gets a new buffer of its size.
	if c := Get[float32](&p, 200); len(c) != 200 || &c[0] == &a[0] {
		t.Fatalf("a request of 200 got the buffer of 100")
	}
}
