package testref

import (
	"testing"

	"github.com/gipsdev/gips"
)

// TestRoundTripThroughNumpy checks the bridge itself: numpy sees the values
// Go wrote, through a reversed (negative stride) view, and its result comes
// back in order.
func TestRoundTripThroughNumpy(t *testing.T) {
	data := []uint16{1, 2, 3, 4, 5, 6}
	a := gips.ArrayOf(data, 2, 3).Reverse(0)
	out := Run(t, `out["s"] = inp["a"].sum(axis=1).astype(np.uint32); out["a"] = inp["a"]`, map[string]gips.Array{"a": a})
	s := out["s"]
	if s.Get(0) != 15 || s.Get(1) != 6 {
		t.Fatalf("row sums %v %v, want 15 6", s.Get(0), s.Get(1))
	}
	if got := out["a"].Get(0, 2); got != 6 {
		t.Fatalf("a[0,2] = %v, want 6", got)
	}
}
