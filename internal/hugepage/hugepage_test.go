package hugepage

import "testing"

// TestInteriorIsTheWholeHugePages checks interior against a count of the
// huge page boundaries inside each block, page by page.
func TestInteriorIsTheWholeHugePages(t *testing.T) {
	const k = 4096
	for _, p := range []uintptr{0, 1, k, Size - k, Size - 1, Size, Size + k, 7*Size + 3*k} {
		for _, n := range []uintptr{0, 1, k, Size - k, Size, Size + k, 2*Size - 1, 2 * Size, 3*Size + 5*k, 5 * Size} {
			// the first and last boundary at or after p and at or before p+n
			first, last := uintptr(0), uintptr(0)
			found := false
			for a := p; a <= p+n; a++ {
				if a%Size == 0 {
					if !found {
						first, found = a, true
					}
					last = a
				}
				if a%Size != 0 {
					a += Size - a%Size - 1 // jump to just before the next boundary
				}
			}
			lo, hi := interior(p, n)
			want := found && last > first
			if got := hi > lo; got != want {
				t.Fatalf("p=%d n=%d: interior [%d, %d), whole pages %v, want %v", p, n, lo, hi, got, want)
			}
			if want && (p+lo != first || p+hi != last) {
				t.Fatalf("p=%d n=%d: interior [%d, %d) = addresses [%d, %d), want [%d, %d)", p, n, lo, hi, p+lo, p+hi, first, last)
			}
		}
	}
}
