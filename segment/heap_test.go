package segment

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gipsdev/gips/internal/scratch"
)

// TestHeapGrowsThroughThePool: a heap that grows past several doublings,
// from a pool whose arrays hold garbage items, pops every item it was
// given in (value, age) order, as a sort of the same items does; popping
// and pushing interleaved. Its arrays come from the pool and go back to
// it: after release, the pool hands out the heap's last array.
func TestHeapGrowsThroughThePool(t *testing.T) {
	// Garbage in the pool: arrays of every size a heap takes here.
	for n := 4096; n <= 1<<17; n *= 2 {
		a := scratch.Get[item](&heapArrays, n)
		for i := range a {
			a[i] = item{value: -1, age: -1, index: -1, source: -1}
		}
		scratch.Put(&heapArrays, a)
	}
	rng := rand.New(rand.NewPCG(45, 2))
	var h heap
	var all, got []item
	age := int32(0)
	for round := range 3 {
		for range 30000 {
			e := item{value: float64(rng.IntN(50)), age: age, index: age, source: int32(round)}
			age++
			h.push(e)
			all = append(all, e)
		}
		for range 10000 {
			got = append(got, h.pop())
		}
	}
	for len(h.a) > 0 {
		got = append(got, h.pop())
	}
	// The pops of a round come before later pushes, so the whole order is
	// not one sort: check each item once, and the pops between pushes in
	// order against what was in the heap then (brute force below).
	if len(got) != len(all) {
		t.Fatalf("popped %d items, pushed %d", len(got), len(all))
	}
	seen := map[int32]bool{}
	for _, e := range got {
		if e.index < 0 || int(e.index) >= len(all) || seen[e.index] || all[e.index] != e {
			t.Fatalf("popped %+v: not one of the pushed items, or twice", e)
		}
		seen[e.index] = true
	}
	var ref []item
	k := 0
	for round := range 3 {
		ref = append(ref, all[round*30000:(round+1)*30000]...)
		slices.SortFunc(ref, func(a, b item) int {
			if smaller(&a, &b) {
				return -1
			}
			if smaller(&b, &a) {
				return 1
			}
			return 0
		})
		n := 10000
		if round == 2 {
			n = len(ref)
		}
		for i := range n {
			if got[k] != ref[i] {
				t.Fatalf("round %d pop %d: got %+v, want %+v", round, i, got[k], ref[i])
			}
			k++
		}
		ref = ref[n:]
	}
	last := h.a[:1]
	h.release()
	if h.a != nil {
		t.Fatal("release left the array in the heap")
	}
	b := scratch.Get[item](&heapArrays, cap(last))
	if &b[0] != &last[0] {
		t.Error("the heap's array did not go back to the pool")
	}
	scratch.Put(&heapArrays, b)
}
