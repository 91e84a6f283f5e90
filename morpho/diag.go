package morpho

import (
	"slices"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// A diagonal line (one pixel on each of n consecutive rows, one column
// further on each: a 45° or 135° line) is a sliding minimum of n along a
// diagonal. The chord method reads its n shifted rows for every output
// row (11 loads and 10 minima a vector for line(15, 45°), OpenCV's cost);
// but the k output rows y..y+k-1 read the source rows y+dyLo ..
// y+dyLo+n+k-2 all at the same column c+a+s*q of row q (output row i's
// pixel c+s*i), so one pass over those n+k-1 rows makes the k rows: the
// minimum of the n-k+1 rows every output reads, extended by prefix
// minima downwards and suffix minima upwards (van Herk / Gil-Werman in
// registers). For k = 8 and n = 11 that is 18 loads and 23 minima for 8
// output vectors, against 88 and 80. The source rows are the extended
// copies of a ring (rows 4096 bytes apart alias in L1), spaced by an odd
// number of cache lines. Measured and dropped (go test -bench, 4096²,
// 1 CPU, interleaved, loaded): reading the rows in place with only their
// ends extended, 2.64-3.47 -> 3.0-4.2 ms (18 rows in one L1 set); tiles
// of columns keeping the ring in L1 (32 or 48 KB), 2.6-3.5 -> 3.5-5.4 ms.

// diagK is the output rows one pass of the diagonal kernel makes.
const diagK = 8

// diagMaxN is the longest diagonal the kernel takes (its pointer arrays
// are on the stack).
const diagMaxN = 56

// diag is a diagonal line footprint: row dyLo+j reads column a+s*j.
type diag struct{ dyLo, n, a, s int }

// diagOf recognises a plan that is a diagonal line of at least diagK
// pixels in one plane.
func diagOf(p plan) (diag, bool) {
	n := len(p.lines)
	if n < diagK || n > diagMaxN {
		return diag{}, false
	}
	ls := slices.Clone(p.lines)
	slices.SortFunc(ls, func(a, b sline) int { return a.dy - b.dy })
	for _, ln := range ls {
		if ln.dz != 0 || len(ln.runs) != 1 || ln.runs[0].n != 1 {
			return diag{}, false
		}
	}
	g := diag{dyLo: ls[0].dy, n: n, a: ls[0].runs[0].dx, s: ls[1].runs[0].dx - ls[0].runs[0].dx}
	if g.s != 1 && g.s != -1 {
		return diag{}, false
	}
	for j, ln := range ls {
		if ln.dy != g.dyLo+j || ln.runs[0].dx != g.a+g.s*j {
			return diag{}, false
		}
	}
	return g, true
}

// diagKernel makes diagK output rows of unsigned bytes (w16 false) or
// 16-bit words (outs[i], nx pixels each, the extreme of rows i..i+n-1)
// from n+diagK-1 source rows: row q's read for the pass's column c is at
// byte bs[q]+off[q]+c*size, and output row i's pixel c+s*i takes column
// c. s is 1 or -1 (a diagonal: diagRun takes bytes) or 0 (a column of n
// rows: the box's y pass, colRun in boxcols.go). It returns false if it
// cannot (no AVX-512, or rows too short: under a vector, and diagK-1
// pixels for a diagonal); nil where the build has no kernel.
type diagKernel func(hi, w16 bool, bs *[diagMaxN + diagK]unsafe.Pointer, off *[diagMaxN + diagK]int, n int, outs *[diagK]unsafe.Pointer, nx, s int) bool

// diagGroupGo is the diagonal kernel pixel by pixel, the twin the tests
// hold the vector kernels to.
func diagGroupGo(hi, w16 bool, bs *[diagMaxN + diagK]unsafe.Pointer, off *[diagMaxN + diagK]int, n int, outs *[diagK]unsafe.Pointer, nx, s int) bool {
	if w16 {
		diagPixels[uint16](hi, bs, off, n, outs, nx, s)
	} else {
		diagPixels[uint8](hi, bs, off, n, outs, nx, s)
	}
	return true
}

func diagPixels[T uint8 | uint16](hi bool, bs *[diagMaxN + diagK]unsafe.Pointer, off *[diagMaxN + diagK]int, n int, outs *[diagK]unsafe.Pointer, nx, s int) {
	size := int(unsafe.Sizeof(T(0)))
	for i := range diagK {
		for x := range nx {
			c := (x - s*i) * size
			v := *(*T)(unsafe.Add(bs[i], off[i]+c))
			for q := i + 1; q < i+n; q++ {
				u := *(*T)(unsafe.Add(bs[q], off[q]+c))
				if hi {
					v = max(v, u)
				} else {
					v = min(v, u)
				}
			}
			*(*T)(unsafe.Add(outs[i], x*size)) = v
		}
	}
}

// diagFilter is linesFilter for a diagonal line of unsigned bytes: it
// returns false (having written nothing) where the kernel does not run.
func diagFilter[T gips.Pixel](dst, src vview[T], d nbhd.Dims, p plan, hi bool, m gips.BorderMode, cval T, post func(y, z int, row []T)) (bool, error) {
	g, ok := diagOf(p)
	if !ok || diagRun == nil || laneKindOf[T]() != kU8 || d.NX < diagK+63 {
		return false, nil
	}
	nx, ny, nz := d.NX, d.NY, d.NZ
	R := g.n + diagK - 1
	E := p.before + nx + p.after
	stride := (E + 63) &^ 63
	if stride/64%2 == 0 { // an odd number of lines: the ring's rows fall in different L1 sets
		stride += 64
	}
	cv := cvalRow(E, cval)
	// The work is split into groups of diagK rows, handed out by par in
	// chunks that shrink towards the end (guided), so that a worker the
	// OS stalls holds the others up by a small chunk: 8 fixed bands of a
	// 4096² image made the two-thread time worse than one under load. A
	// chunk prepares the n-1 source rows of its halo again; it is at least
	// 4 halos long, so that they cost a few percent.
	ng := (ny + diagK - 1) / diagK
	grain := max((4*(g.n-1)+diagK-1)/diagK, (nbhd.Grain(nx)+diagK-1)/diagK)
	err := nbhd.Parallel(nz*ng, grain, func(lo, hi2 int) {
		block := getBuf[T](R * stride) // every row is written before it is read
		defer putBuf(block)
		ring := make([][]T, R) // the extended source row in each slot
		var spare [][]T        // output rows past the image's end
		var bs [diagMaxN + diagK]unsafe.Pointer
		var off [diagMaxN + diagK]int
		var outs [diagK]unsafe.Pointer
		for lo < hi2 { // the chunk's groups in each plane it reaches
			z, y0 := lo/ng, lo%ng*diagK
			y1 := min((min(hi2-z*ng, ng))*diagK, ny)
			lo = (z + 1) * ng
			next := y0 + g.dyLo // the next source row to prepare
			for y := y0; y < y1; y += diagK {
				for ; next < y+g.dyLo+R; next++ {
					k := mod(next, R)
					j, ok := border.Index(next, ny, m)
					if !ok {
						ring[k] = cv
						continue
					}
					ring[k] = block[k*stride : k*stride+E]
					extendSeg(ring[k], src.row(j, z), -p.before, m, cval)
				}
				for q := range R {
					r := ring[mod(y+g.dyLo+q, R)]
					bs[q], off[q] = unsafe.Pointer(&r[0]), p.before+g.a+g.s*q
				}
				for i := range diagK {
					if y+i < y1 {
						outs[i] = unsafe.Pointer(&dst.row(y+i, z)[0])
						continue
					}
					if spare == nil {
						spare = make([][]T, diagK)
						for k := range spare {
							spare[k] = make([]T, nx)
						}
					}
					outs[i] = unsafe.Pointer(&spare[i][0])
				}
				if !diagRun(hi, false, &bs, &off, g.n, &outs, nx, g.s) {
					diagGroupGo(hi, false, &bs, &off, g.n, &outs, nx, g.s)
				}
				if post != nil {
					for i := y; i < min(y+diagK, y1); i++ {
						post(i, z, dst.row(i, z))
					}
				}
			}
		}
	})
	return true, err
}
