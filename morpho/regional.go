package morpho

import (
	"sync"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
	"github.com/gipsdev/gips/internal/scratch"
)

// The regional extrema in the image's own type, in three passes over a
// copy of each volume padded by one pixel with the volume's minimum (as
// skimage pads; minima run on the order-flipped copy):
//
//  1. on every core, row by row: the maximum over the neighbourhood
//     (centre included) as whole-row vector maxima of shifted rows
//     (rowops.go); a pixel equal to it has no higher neighbour and is a
//     candidate. Most pixels are settled here.
//  2. on every core, a band of rows each: a flood of each candidate's
//     plateau (its equal neighbours, transitively), which is a maximum iff
//     every member is a candidate and its value is not the minimum; the
//     few plateaus that cross bands are flooded again on one core. The
//     padding needs no border test: its value, the minimum, is never a
//     flooded plateau's.
//  3. on every core: the result bits into the output rows.
//
// A float volume holding a NaN takes the float64 flood (extrema.go), whose
// answer for NaN pixels this one does not reproduce.

// Bits of a pixel's state in pass 2.
const (
	stCand    = 1 << iota // no higher neighbour
	stVisited             // flooded
	stMax                 // in a maximal plateau
)

type regionalArgs struct {
	dst, src *gips.Image
	offs     [][3]int
	minima   bool
}

func regionalKernel[T gips.Pixel](a regionalArgs) error {
	in, err := gips.Planes[T](a.src)
	if err != nil {
		return err
	}
	out, err := gips.WritablePlanes[uint8](a.dst)
	if err != nil {
		return err
	}
	g := a.src.Geometry()
	d := nbhd.DimsOf(g)
	pz := 0
	if g.Volume {
		pz = 1
	}
	pd := nbhd.Dims{NX: d.NX + 2, NY: d.NY + 2, NZ: d.NZ + 2*pz}
	buf := getBuf[T](pd.Len())
	defer putBuf(buf)
	state := getBuf[uint8](pd.Len())
	defer putBuf(state)
	lines := neighbourLines(a.offs)
	lin := make([]int, len(a.offs))
	for i, o := range a.offs {
		lin[i] = o[0] + pd.NX*(o[1]+pd.NY*o[2])
	}
	// at is the index in buf of interior pixel (0, y, z).
	at := func(y, z int) int { return 1 + pd.NX*(y+1+pd.NY*(z+pz)) }
	rows := d.NY * d.NZ
	grain := nbhd.Grain(d.NX)
	for v := range nbhd.Volumes(g) {
		vmin, nan, err := padCopy(buf, in, g, v, a.minima, at)
		if err != nil {
			return err
		}
		if nan {
			if err := regionalFloat(a, in, out, g, v); err != nil {
				return err
			}
			continue
		}
		fillPad(buf, pd, pz, vmin)
		err = nbhd.Parallel(rows, grain, func(lo, hi int) {
			acc, tmp := make([]T, d.NX), make([]T, d.NX)
			for r := lo; r < hi; r++ {
				p := at(r%d.NY, r/d.NY)
				neighbourMax(acc, tmp, buf, p, pd, lines)
				markCandidates(state[p:p+d.NX], buf[p:p+d.NX], acc)
			}
		})
		if err != nil {
			return err
		}
		if err := floodPlateaus(state, buf, d, at, lin, vmin); err != nil {
			return err
		}
		err = nbhd.Parallel(rows, grain, func(lo, hi int) {
			for r := lo; r < hi; r++ {
				y, z := r%d.NY, r/d.NY
				o := out[v*d.NZ+z].Row(y)[:d.NX]
				resultBits(o, state[at(y, z):][:d.NX])
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// nline is one (dy, dz) line of a neighbourhood: the x offsets {-1, 0, 1}
// (wide) or the one offset dx.
type nline struct {
	dy, dz, dx int
	wide       bool
}

// neighbourLines groups the connectivity offsets and the centre by
// (dy, dz): a connectivity's lines are {0} or {-1, 0, 1} along x; any
// other set is kept exact as single offsets.
func neighbourLines(offs [][3]int) []nline {
	type key struct{ dy, dz int }
	xs := map[key][3]bool{{0, 0}: {false, true, false}}
	order := []key{{0, 0}}
	for _, o := range offs {
		k := key{o[1], o[2]}
		s, ok := xs[k]
		if !ok {
			order = append(order, k)
		}
		s[o[0]+1] = true
		xs[k] = s
	}
	var ls []nline
	for _, k := range order {
		s := xs[k]
		if s == [3]bool{true, true, true} {
			ls = append(ls, nline{k.dy, k.dz, 0, true})
			continue
		}
		for dx := -1; dx <= 1; dx++ {
			if s[dx+1] {
				ls = append(ls, nline{k.dy, k.dz, dx, false})
			}
		}
	}
	return ls
}

// neighbourMax sets acc to the maximum over the lines of the row that
// starts at p in the padded volume buf; tmp is scratch of acc's length.
func neighbourMax[T gips.Pixel](acc, tmp, buf []T, p int, pd nbhd.Dims, lines []nline) {
	n := len(acc)
	for i, l := range lines {
		q := p + l.dx + pd.NX*(l.dy+pd.NY*l.dz)
		dst := acc
		if i > 0 {
			dst = tmp
		}
		if l.wide {
			mm3(dst, buf[q-1:q-1+n], buf[q:q+n], buf[q+1:q+1+n], true)
		} else if i == 0 {
			copy(dst, buf[q:q+n])
		} else {
			mm2(acc, acc, buf[q:q+n], true)
			continue
		}
		if i > 0 {
			mm2(acc, acc, tmp, true)
		}
	}
}

// markCandidates sets s[x] to stCand where row[x] is its neighbourhood's
// maximum acc[x], else 0. UInt8 rows take whole words (eqWords).
func markCandidates[T gips.Pixel](s []uint8, row, acc []T) {
	row, acc = row[:len(s)], acc[:len(s)]
	done := 0
	if r, ok := any(row).([]uint8); ok {
		done = eqWords(s, r, any(acc).([]uint8))
	}
	for x := done; x < len(s); x++ {
		var c uint8
		if row[x] == acc[x] {
			c = stCand
		}
		s[x] = c
	}
}

// padCopy copies volume v of in into buf's interior (order-flipped for
// minima) and returns its minimum and whether it holds a NaN.
func padCopy[T gips.Pixel](buf []T, in []gips.Plane[T], g gips.Geometry, v int, minima bool, at func(y, z int) int) (T, bool, error) {
	var mu sync.Mutex
	vmin, nan, first := T(0), false, true
	err := nbhd.Parallel(g.SizeY*g.SizeZ, nbhd.Grain(g.SizeX), func(lo, hi int) {
		var m T
		isNaN, seen := false, false
		for r := lo; r < hi; r++ {
			y, z := r%g.SizeY, r/g.SizeY
			row := buf[at(y, z):][:g.SizeX]
			copy(row, in[v*g.SizeZ+z].Row(y))
			if minima {
				nbhd.Flip(row)
			}
			if !seen {
				m, seen = row[0], true
			}
			for _, x := range row {
				if x < m {
					m = x
				}
				if x != x {
					isNaN = true
				}
			}
		}
		mu.Lock()
		if first || m < vmin {
			vmin, first = m, false
		}
		nan = nan || isNaN
		mu.Unlock()
	})
	return vmin, nan, err
}

// fillPad sets the padding of buf (dims pd, pz planes of padding at each
// end along z) to val.
func fillPad[T gips.Pixel](buf []T, pd nbhd.Dims, pz int, val T) {
	plane := pd.NX * pd.NY
	set := func(s []T) {
		for i := range s {
			s[i] = val
		}
	}
	for z := range pd.NZ {
		base := z * plane
		if z < pz || z >= pd.NZ-pz {
			set(buf[base : base+plane])
			continue
		}
		set(buf[base : base+pd.NX])
		set(buf[base+plane-pd.NX : base+plane])
		for y := 1; y < pd.NY-1; y++ {
			buf[base+y*pd.NX] = val
			buf[base+y*pd.NX+pd.NX-1] = val
		}
	}
}

// floodPlateaus floods the plateau of each candidate not yet flooded and
// marks it stMax when all its members are candidates and its value is not
// vmin. lin are the linear neighbour offsets in the padded volume. Bands
// of rows flood on every core, each inside its own rows only; a plateau
// that reaches beyond its band (and is not already refused) is flooded
// again whole, on one core, afterwards.
func floodPlateaus[T gips.Pixel](state []uint8, buf []T, d nbhd.Dims, at func(y, z int) int, lin []int, vmin T) error {
	var mu sync.Mutex
	var deferred []int
	err := nbhd.Parallel(d.NY*d.NZ, nbhd.Grain(d.NX), func(lo, hi int) {
		first, last := at(lo%d.NY, lo/d.NY), at((hi-1)%d.NY, (hi-1)/d.NY)
		f := plateauFlood[T]{state: state, buf: buf, lin: lin, lo: first - 1, hi: last + d.NX + 1}
		defer f.release()
		var mine []int
		for r := lo; r < hi; r++ {
			p0 := at(r%d.NY, r/d.NY)
			for p := p0; p < p0+d.NX; p++ {
				if state[p] != stCand || buf[p] == vmin { // a plateau at vmin never leaves the padding's value
					continue
				}
				if f.flood(p, stVisited) {
					mine = append(mine, p)
				}
			}
		}
		mu.Lock()
		deferred = append(deferred, mine...)
		mu.Unlock()
	})
	if err != nil {
		return err
	}
	f := plateauFlood[T]{state: state, buf: buf, lin: lin, lo: 0, hi: len(buf)}
	defer f.release()
	for _, p := range deferred {
		if state[p]&stVisitedAll == 0 {
			f.flood(p, stVisitedAll)
		}
	}
	return nil
}

// stVisitedAll marks the pixels of the second, whole-volume flood.
const stVisitedAll = stMax << 1

// plateauFlood floods plateaus through the pixels of buf[lo:hi].
type plateauFlood[T gips.Pixel] struct {
	state  []uint8
	buf    []T
	lin    []int
	lo, hi int
	stack  []int
}

// flood floods p's plateau inside [lo, hi), marking its pixels with the
// bit seen, and marks it stMax if it is a maximum. It reports whether the
// plateau reaches beyond [lo, hi) with no member refused yet: then it
// decides nothing.
func (f *plateauFlood[T]) flood(p int, seen uint8) bool {
	state, buf := f.state, f.buf
	v := buf[p]
	state[p] |= seen
	stack := append(scratch.Grow(&bufPool, f.stack[:0], 4096), p)
	f.stack = nil // the stack's array is this call's until it ends (a panic drops it)
	isMax, beyond := true, false
	for k := 0; k < len(stack); k++ {
		q := stack[k]
		for _, l := range f.lin {
			r := q + l
			if buf[r] != v {
				continue
			}
			if r < f.lo || r >= f.hi {
				beyond = true
				continue
			}
			if state[r]&seen != 0 {
				continue
			}
			if state[r]&stCand == 0 {
				isMax = false
			}
			state[r] |= seen
			stack = append(scratch.Grow(&bufPool, stack, 4096), r)
		}
	}
	f.stack = stack
	if isMax && beyond {
		return true
	}
	if isMax {
		for _, q := range stack {
			state[q] |= stMax
		}
	}
	return false
}

// The stack grows from the morpho pool (scratch.Grow): grown by append it
// took fresh memory at each doubling, in every band (a 3D regional maximum
// faulted 2300 pages a call).

// release gives the stack's array back to the pool.
func (f *plateauFlood[T]) release() {
	if cap(f.stack) > 0 {
		putBuf(f.stack)
	}
	f.stack = nil
}

// simdEq is the AVX2 twin of eqWords (rowops_simd.go); the pure-Go
// build's does none.
var simdEq = func(out, a, b []byte) int { return 0 }

// eqWords sets out[i] = 1 where a[i] == b[i], else 0, over the whole
// 8-byte words (AVX2 first), and returns the bytes done (stCand is 1).
// A byte of t = a ^ b is zero iff (t&0x7F + 0x7F | t) has its top bit
// clear, with no carry between bytes.
func eqWords(out, a, b []byte) int {
	done := simdEq(out, a, b)
	n := len(out) &^ 7
	if done >= n {
		return done
	}
	a, b = a[:n], b[:n]
	const lo7, hi1 = 0x7F7F7F7F7F7F7F7F, 0x8080808080808080
	op, ap, bp := unsafe.Pointer(&out[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])
	for i := done; i < n; i += 8 {
		t := *(*uint64)(unsafe.Add(ap, i)) ^ *(*uint64)(unsafe.Add(bp, i))
		*(*uint64)(unsafe.Add(op, i)) = (^((t&lo7 + lo7) | t) & hi1) >> 7
	}
	return n
}

// resultBits sets out[x] to the stMax bit of s[x], 0 or 1, a word at a
// time (states are below 8: no bit crosses into the next byte).
func resultBits(out, s []uint8) {
	n := len(out) &^ 7
	if n > 0 {
		s = s[:len(out)]
		op, sp := unsafe.Pointer(&out[0]), unsafe.Pointer(&s[0])
		for i := 0; i < n; i += 8 {
			*(*uint64)(unsafe.Add(op, i)) = *(*uint64)(unsafe.Add(sp, i)) >> 2 & 0x0101010101010101
		}
	}
	for x := n; x < len(out); x++ {
		out[x] = s[x] >> 2 & 1
	}
}
