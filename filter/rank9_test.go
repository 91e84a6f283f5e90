package filter

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRank9Network proves the network sorts (the 0-1 principle: a
// comparator network that sorts every input of 0s and 1s sorts every
// input) and that sort9 is the network's list written out: both on all
// 512 binary inputs, and sort9 on random bytes against slices.Sort.
func TestRank9Network(t *testing.T) {
	for bits := range 512 {
		var p, q [9]uint8
		for i := range p {
			p[i] = uint8(bits >> i & 1)
		}
		q = p
		for _, layer := range rank9Layers {
			for _, e := range layer {
				q[e[0]], q[e[1]] = min(q[e[0]], q[e[1]]), max(q[e[0]], q[e[1]])
			}
		}
		p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8] = sort9(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8])
		if !slices.IsSorted(q[:]) || p != q {
			t.Fatalf("input %09b: network gives %v, sort9 %v", bits, q, p)
		}
	}
	r := rand.New(rand.NewPCG(9, 9))
	for range 10000 {
		var p [9]int16
		for i := range p {
			p[i] = int16(r.IntN(7) - 3) // ties
		}
		want := p
		slices.Sort(want[:])
		if p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8] = sort9(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]); p != want {
			t.Fatalf("sort9 gives %v, want %v", p, want)
		}
	}
}

// TestRank9Rows checks rank9s against nth on rows of random pixels with
// ties, every rank.
func TestRank9Rows(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	rows := make([][]uint16, 9)
	for k := range rows {
		rows[k] = make([]uint16, 37)
		for x := range rows[k] {
			rows[k][x] = uint16(r.IntN(5) * 16000)
		}
	}
	out := make([]uint16, 37)
	for rank := range 9 {
		rank9s(out, rows, rank)
		for x := range out {
			vals := make([]uint16, 9)
			for k := range vals {
				vals[k] = rows[k][x]
			}
			if want := nth(vals, rank); out[x] != want {
				t.Fatalf("rank %d at x=%d: got %d, want %d", rank, x, out[x], want)
			}
		}
	}
}
