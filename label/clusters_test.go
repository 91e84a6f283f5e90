package label

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestPairClustersAgainstColumns: the clusters of two rows are the runs of
// the columns where either row is foreground, each with the first run of
// the row that has a pixel in its first column (row u's when both have),
// counted from ru or rv; on random rows of densities 0.05 to 0.95 and of
// lengths 1 to 200 (past one and two mask words), into a list exactly as
// long as the clusters and inside a longer one whose elements before them
// are kept.
func TestPairClustersAgainstColumns(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, n := range append(seq(1, 70), 127, 128, 129, 200) {
		for trial := range 100 {
			density := 0.05 + 0.9*rng.Float64()
			u, v := make([]uint8, n), make([]uint8, n)
			for x := range n {
				if rng.Float64() < density {
					u[x] = 1
				}
				if rng.Float64() < density {
					v[x] = 1
				}
			}
			if trial%10 == 0 { // one row empty
				clear(u)
			}
			const ru, rv = 100, 7000
			// The k-th run of a row starting at or before x, by the row.
			startsTo := func(row []uint8, x int) int {
				c := 0
				for i := 0; i <= x; i++ {
					if row[i] != 0 && (i == 0 || row[i-1] == 0) {
						c++
					}
				}
				return c
			}
			var want []cluster
			for x := 0; x < n; {
				for x < n && u[x] == 0 && v[x] == 0 {
					x++
				}
				if x == n {
					break
				}
				c := cluster{x0: int32(x)}
				if u[x] != 0 {
					c.rep = ru + uint32(startsTo(u, x)-1)
				} else {
					c.rep = rv + uint32(startsTo(v, x)-1)
				}
				for x < n && (u[x] != 0 || v[x] != 0) {
					x++
				}
				c.x1 = int32(x)
				want = append(want, c)
			}
			mu, mv := make([]uint64, maskWords(n)), make([]uint64, maskWords(n))
			rowMask(u, mu)
			rowMask(v, mv)
			exact := make([]cluster, len(want))
			if k := pairClusters(mu, mv, n, ru, rv, exact); k != len(want) || fmt.Sprint(exact) != fmt.Sprint(want) {
				t.Fatalf("n %d trial %d: %d clusters %v, want %v", n, trial, k, exact, want)
			}
			long := make([]cluster, len(want)+9)
			long[0] = cluster{-1, -2, 3}
			if k := pairClusters(mu, mv, n, ru, rv, long[1:]); k != len(want) || fmt.Sprint(long[1:1+k]) != fmt.Sprint(want) || long[0] != (cluster{-1, -2, 3}) {
				t.Fatalf("n %d trial %d: %d clusters %v (before them %v) inside a list, want %v", n, trial, k, long[1:1+k], long[0], want)
			}
		}
	}
}
