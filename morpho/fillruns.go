package morpho

import (
	"encoding/binary"
	"math"
	"math/bits"

	"github.com/gipsdev/gips/internal/nbhd"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
)

// forestPools keep fillRuns' runs, parents and outside flags, one pool a
// type (a pool of mixed types would drop a buffer on every mismatch).
var forestPools [3]scratch.Pool

// fillHoles by union-find over the background's runs, for every symmetric
// structure within the 3x3(x3) cube that joins neighbours along x and
// whose steps into each other row reach a contiguous range of x offsets
// (the crosses, the full squares and cubes, the 18-neighbourhood): the
// background of each row is a few runs, the runs of rows a step apart
// are joined when the structure's x range carries one into the other,
// and a run that a step takes out of the volume makes its component
// outside. The rows are found and joined in parallel (a band of rows at a
// time, each band's runs a disjoint part of the forest; the joins across
// bands after), so the work is per run, not per pixel, and runs on every
// core, where the span flood (fillspan.go) walks a maze one pixel and one
// stack entry at a time (3.6 s of CPU for the random 512x512x256 maze).

// bgRun is the background pixels [s, e) of a row.
type bgRun struct{ s, e int32 }

// rowLink is a step of the structure into the row dy, dz further on (a
// later row: dz > 0, or dz == 0 and dy > 0) with x offsets a..b; by
// symmetry the step back has -b..-a.
type rowLink struct{ dy, dz, a, b int }

// runLinks returns the forward row steps of offs when fillRuns can take
// the structure.
func runLinks(offs [][3]int) ([]rowLink, bool) {
	set := map[[3]int]bool{}
	for _, o := range offs {
		for _, v := range o {
			if v < -1 || v > 1 {
				return nil, false
			}
		}
		set[o] = true
	}
	for o := range set {
		if !set[[3]int{-o[0], -o[1], -o[2]}] {
			return nil, false
		}
	}
	if !set[[3]int{1, 0, 0}] {
		return nil, false
	}
	var links []rowLink
	for dz := 0; dz <= 1; dz++ {
		for dy := -1; dy <= 1; dy++ {
			if dz == 0 && dy <= 0 {
				continue
			}
			a, b := 2, -2
			for dx := -1; dx <= 1; dx++ {
				if set[[3]int{dx, dy, dz}] {
					a, b = min(a, dx), max(b, dx)
				}
			}
			if a > b {
				continue
			}
			for dx := a; dx <= b; dx++ {
				if !set[[3]int{dx, dy, dz}] {
					return nil, false // a gap: not a range
				}
			}
			links = append(links, rowLink{dy, dz, a, b})
		}
	}
	return links, true
}

// fillRuns is fillHoles for the structure of links (runLinks). It
// returns false, having written nothing, when the volume has too many
// runs for the forest's int32 indices.
func fillRuns(res, vol []uint8, d nbhd.Dims, links []rowLink) (bool, error) {
	nx, ny, nz := d.NX, d.NY, d.NZ
	nrows := ny * nz
	grain := nbhd.Grain(nx)
	// Count, then find, the runs of every row.
	start := make([]int, nrows+1)
	words := (nx + 63) / 64
	if err := nbhd.Parallel(nrows, grain, func(lo, hi int) {
		m := make([]uint64, words)
		for r := lo; r < hi; r++ {
			start[r+1] = countBgRuns(bgMask(vol[r*nx:(r+1)*nx], m))
		}
	}); err != nil {
		return false, err
	}
	for r := range nrows {
		start[r+1] += start[r]
	}
	total := start[nrows]
	if total >= math.MaxInt32 {
		return false, nil
	}
	// The forest's arrays come from the pool: a maze's runs take ~12
	// bytes for every 4 voxels, whose fresh pages cost as much as the work.
	runs := scratch.Get[bgRun](&forestPools[0], total)
	parent := scratch.Get[int32](&forestPools[1], total)
	outside := scratch.Get[bool](&forestPools[2], total)
	defer func() {
		scratch.Put(&forestPools[0], runs)
		scratch.Put(&forestPools[1], parent)
		scratch.Put(&forestPools[2], outside)
	}()
	rowRuns := func(r int) []bgRun { return runs[start[r]:start[r+1]] }
	// Bands of whole rows (whole planes in 3D where there are enough) join
	// their own rows in parallel; a join whose far row lies in the next
	// band waits for the sequential pass after.
	w := 4 * par.Workers()
	band := max(1, (nrows+w-1)/w)
	if nz > 1 {
		band = max(band, ny)
	}
	nb := (nrows + band - 1) / band
	join := func(r, r1 int, cross bool) {
		y, z := r%ny, r/ny
		for _, l := range links {
			yy, zz := y+l.dy, z+l.dz
			if yy < 0 || yy >= ny || zz >= nz {
				continue
			}
			q := zz*ny + yy
			if (q >= r1) != cross {
				continue
			}
			joinRuns(parent, rowRuns(r), rowRuns(q), int32(start[r]), int32(start[q]), int32(l.a), int32(l.b))
		}
	}
	if err := nbhd.Parallel(nb, 1, func(lo, hi int) {
		m := make([]uint64, words)
		for t := lo; t < hi; t++ {
			r0, r1 := t*band, min((t+1)*band, nrows)
			for r := r0; r < r1; r++ {
				bgRuns(bgMask(vol[r*nx:(r+1)*nx], m), nx, rowRuns(r))
				for i := start[r]; i < start[r+1]; i++ {
					parent[i] = int32(i)
					outside[i] = false
				}
			}
			for r := r0; r < r1; r++ {
				join(r, r1, false)
			}
		}
	}); err != nil {
		return false, err
	}
	for t := range nb {
		r0, r1 := t*band, min((t+1)*band, nrows)
		for r := r0; r < r1; r++ {
			join(r, r1, true)
		}
	}
	// Every parent is at or before its child: one pass in order makes
	// each run point at its root.
	for i := range parent {
		parent[i] = parent[parent[i]]
	}
	// The outside: runs at either end of a row, and every run of a row
	// that a step of the structure leaves the volume from.
	for r := range nrows {
		y, z := r%ny, r/ny
		all := false
		for _, l := range links {
			for _, sg := range [2]int{1, -1} {
				yy, zz := y+sg*l.dy, z+sg*l.dz
				if yy < 0 || yy >= ny || zz < 0 || zz >= nz {
					all = true
				}
			}
		}
		rs := rowRuns(r)
		for i, rn := range rs {
			if all || rn.s == 0 || int(rn.e) == nx {
				outside[parent[start[r]+i]] = true
			}
		}
	}
	return true, nbhd.Parallel(nrows, grain, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			row := res[r*nx : (r+1)*nx]
			for i := range row {
				row[i] = 1
			}
			for i, rn := range rowRuns(r) {
				if outside[parent[start[r]+i]] {
					clear(row[rn.s:rn.e])
				}
			}
		}
	})
}

// joinRuns joins the runs A (forest index a0 on) with the runs B (b0 on)
// of a row one step away whose x offsets are lo..hi: A's run [s, e)
// reaches B's pixels s+lo .. e-1+hi. Both lists are in x order, and so
// are the reaches, so one merge walk finds every pair (lo..hi spans at
// most 3, so a reach that ends before B's run cannot meet A's next run).
func joinRuns(parent []int32, A, B []bgRun, a0, b0, lo, hi int32) {
	i, j := 0, 0
	for i < len(A) && j < len(B) {
		rs, re := A[i].s+lo, A[i].e-1+hi
		if rs <= B[j].e-1 && B[j].s <= re {
			union(parent, a0+int32(i), b0+int32(j))
		}
		if re <= B[j].e-1 {
			i++
		} else {
			j++
		}
	}
}

// find returns x's root, halving the path.
func find(p []int32, x int32) int32 {
	for p[x] != x {
		p[x] = p[p[x]]
		x = p[x]
	}
	return x
}

// union joins a's tree and b's under the smaller root, so that every
// parent stays at or before its child.
func union(p []int32, a, b int32) {
	ra, rb := find(p, a), find(p, b)
	switch {
	case ra < rb:
		p[rb] = ra
	case rb < ra:
		p[ra] = rb
	}
}

// bgMask sets bit i of m[k] when row[64k+i] is zero, for the
// (len(row)+63)/64 words of m (the bits past the row's end clear), eight
// bytes a step: the runs of a maze are a pixel or two long, so finding
// them byte by byte mispredicted a branch at every other pixel.
func bgMask(row []uint8, m []uint64) []uint64 {
	const low, top = 0x7F7F7F7F7F7F7F7F, 0x8080808080808080
	n := len(row)
	m = m[:(n+63)/64]
	clear(m)
	x := 0
	for ; x+8 <= n; x += 8 {
		w := binary.LittleEndian.Uint64(row[x:])
		nz := (((w & low) + low) | w) & top // the top bit of each nonzero byte
		m[x/64] |= (^nz & top >> 7 * 0x0102040810204080 >> 56) << (x % 64)
	}
	for ; x < n; x++ {
		if row[x] == 0 {
			m[x/64] |= 1 << (x % 64)
		}
	}
	return m
}

// countBgRuns is the number of runs of the row whose mask is m: the set
// bits whose left neighbour is clear.
func countBgRuns(m []uint64) int {
	n := 0
	prev := uint64(0)
	for _, w := range m {
		n += bits.OnesCount64(w &^ (w<<1 | prev))
		prev = w >> 63
	}
	return n
}

// bgRuns writes the runs of the row of n pixels whose mask is m into rs
// (as long as countBgRuns): the rising edges of a word are run starts
// and the falling ones run ends, in turn, so each kind fills its own
// field in its own loop.
func bgRuns(m []uint64, n int, rs []bgRun) {
	ns, ne := 0, 0
	prev := uint64(0)
	for k, w := range m {
		x := int32(64 * k)
		sh := w<<1 | prev
		for up := w &^ sh; up != 0; up &= up - 1 {
			rs[ns].s = x + int32(bits.TrailingZeros64(up))
			ns++
		}
		for dn := sh &^ w; dn != 0; dn &= dn - 1 {
			rs[ne].e = x + int32(bits.TrailingZeros64(dn))
			ne++
		}
		prev = w >> 63
	}
	if ne < ns {
		rs[ne].e = int32(n)
	}
}
