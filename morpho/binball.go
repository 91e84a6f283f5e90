package morpho

import (
	"fmt"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/distance"
	"github.com/gipsdev/gips/internal/par"
)

// Binary erosion and dilation by a Euclidean ball {e : |e|² <= R} in time
// independent of the radius (issue 10), through the exact squared
// distance transform: a pixel survives the erosion iff every pixel within
// squared distance R is true, i.e. iff its squared distance to the
// nearest false pixel is > R. The transform is binedt.go's, in int32 and
// clamped at R+1 (only the comparison with R matters); lines longer than
// maxEnvLine take the distance package's float64 passes instead, whose
// squared distances at unit sampling are sums and squares of small
// integers, so exact too. Either way the comparison is on integers.
//
// The border value: with false beyond the border (scipy's border_value=0)
// the outside is a false pixel as well; its nearest point differs from a
// pixel in one coordinate only, so the pixels within isqrt(R) of a face
// (along the axes the ball spans) are eroded whatever the EDT says. The
// dilation by the (symmetric) ball is the complement of the erosion of
// the complement with the complemented border value: a pixel becomes
// true iff a true pixel lies within squared distance R, or (border value
// true) the ball reaches beyond the border.

// ballMinRadius is the smallest radius that takes the distance path, for
// a 2D footprint (a disk) and a 3D one (a ball): below it the line-based
// path is faster (crossovers of CPU time measured with
// BenchmarkBinaryErodeBall on blobs, 4096² and 256x256x128: the distance
// path costs about as much as the line path's disk(14) or ball(4)).
var ballMinRadius = [2]int{16, 5}

// ballIntEDT picks the clamped int32 transform (binedt.go) over the
// distance package's float64 one.
var ballIntEDT = true

// ballR2 reports whether se is exactly a Euclidean ball: odd, equal sizes
// along x and y (and z unless it is 1: a disk), and true exactly at the
// offsets from the centre of squared norm <= R for the largest R among
// its true elements, the whole ball inside the grid. It returns R and the
// radius (half the size).
func ballR2(se SE) (r2, r int, ok bool) {
	if se.box || se.err != nil || se.on == nil {
		return 0, 0, false
	}
	sx, sy, sz := se.size[0], se.size[1], se.size[2]
	if sx != sy || sx%2 == 0 || (sz != 1 && sz != sx) {
		return 0, 0, false
	}
	r, rz := sx/2, sz/2
	r2 = -1
	i := 0
	for z := -rz; z <= rz; z++ {
		for y := -r; y <= r; y++ {
			for x := -r; x <= r; x++ {
				if se.on[i] {
					r2 = max(r2, x*x+y*y+z*z)
				}
				i++
			}
		}
	}
	// An R that reaches (r+1)² would hold offsets outside the grid.
	if r2 < 0 || r2 >= (r+1)*(r+1) {
		return 0, 0, false
	}
	i = 0
	for z := -rz; z <= rz; z++ {
		for y := -r; y <= r; y++ {
			for x := -r; x <= r; x++ {
				if se.on[i] != (x*x+y*y+z*z <= r2) {
					return 0, 0, false
				}
				i++
			}
		}
	}
	return r2, r, true
}

// ballPath says whether a one-iteration binary op by se goes through the
// distance transform, and with which R.
func ballPath(se SE) (r2 int, ok bool) {
	r2, r, ok := ballR2(se)
	if !ok {
		return 0, false
	}
	if se.size[2] == 1 {
		return r2, r >= ballMinRadius[0]
	}
	return r2, r >= ballMinRadius[1]
}

// ball runs the binary ops by a ball of squared radius r2 volume by
// volume; planar (a disk) transforms each plane on its own.
type ball struct {
	r2     int
	s      int // isqrt(r2): how far the ball reaches along an axis
	planar bool
	border bool
	f      []float64 // squared distances of one volume (float path)
	q      []int32   // clamped squared distances (integer path)
	intEDT bool
	inv    *gips.Image
}

// binBall is binInto for a ball footprint and one iteration: dst (Binary,
// src's sizes, may be src) gets op of src.
func binBall(op binOp, dst, src *gips.Image, se SE, r2 int, border bool) error {
	g := src.Geometry()
	vg := gips.Geometry3d(gips.Binary, g.SizeX, g.SizeY, g.SizeZ)
	b := &ball{r2: r2, planar: se.size[2] == 1, border: border}
	for (b.s+1)*(b.s+1) <= r2 {
		b.s++
	}
	var err error
	b.intEDT = ballIntEDT && g.SizeX <= maxEnvLine && g.SizeZ <= maxEnvLine
	if b.intEDT {
		b.q = getBuf[int32](vg.Pixels())
		defer putBuf(b.q)
	} else {
		b.f = getBuf[float64](vg.Pixels())
		defer putBuf(b.f)
		if b.inv, err = gips.CreateImage(vg); err != nil {
			return err
		}
	}
	var tmp *gips.Image
	if op == binOpening || op == binClosing {
		if tmp, err = gips.CreateImage(vg); err != nil {
			return err
		}
	}
	for t := range g.SizeT {
		for c := range g.SizeC {
			sv, err := src.ExtractVolume(c, t)
			if err != nil {
				return err
			}
			dv, err := dst.ExtractVolume(c, t)
			if err != nil {
				return err
			}
			switch op {
			case binErode:
				err = b.apply(dv, sv, false)
			case binDilate:
				err = b.apply(dv, sv, true)
			case binOpening:
				if err = b.apply(tmp, sv, false); err == nil {
					err = b.apply(dv, tmp, true)
				}
			case binClosing:
				if err = b.apply(tmp, sv, true); err == nil {
					err = b.apply(dv, tmp, false)
				}
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// apply writes into the volume dst the erosion (or dilation) of the
// volume src. It reads all of src before it writes dst, so they may be
// the same pixels.
func (b *ball) apply(dst, src *gips.Image, dilate bool) error {
	g := src.Geometry()
	nx, ny, nz := g.SizeX, g.SizeY, g.SizeZ
	if b.intEDT {
		// Sites: the false pixels for an erosion, the true for a dilation.
		// The threshold is taken in the transform's last pass, on lines
		// still in cache.
		return b.edtInt(dst, src, dilate)
	}
	in := src
	if dilate {
		// The distance to the nearest true pixel: the EDT of the complement.
		if err := invert(b.inv, src); err != nil {
			return err
		}
		in = b.inv
	}
	if _, err := distance.SquaredXY(b.f, in, distance.WithSampling(1)); err != nil {
		return err
	}
	if !b.planar && nz > 1 {
		if err := b.zPass(nx, ny, nz); err != nil {
			return err
		}
	}
	return threshold(b, dst, b.f, float64(b.r2), nx, ny, nz, dilate)
}

// threshold writes into dst the erosion (d > R inside the band where the
// ball stays in the image) or the dilation (d <= R) of the squared
// distances f.
func threshold[T int32 | float64](b *ball, dst *gips.Image, f []T, r2 T, nx, ny, nz int, dilate bool) error {
	out, err := gips.WritablePlanes[uint8](dst)
	if err != nil {
		return err
	}
	// Inside: the pixels whose ball stays within the image.
	s := b.s
	zlo, zhi := 0, nz
	if !b.planar {
		zlo, zhi = s, nz-s
	}
	return parallel(nz*ny, max(1, (64<<10)/max(nx, 1)), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			z, y := i/ny, i%ny
			thresholdRow(b, out[z].Row(y), f[i*nx:(i+1)*nx], r2, y, z, ny, zlo, zhi, dilate)
		}
	})
}

// thresholdRow is threshold on row y of plane z: out from the squared
// distances f.
func thresholdRow[T int32 | float64](b *ball, out []uint8, f []T, r2 T, y, z, ny, zlo, zhi int, dilate bool) {
	s, nx := b.s, len(f)
	xlo, xhi := 0, nx
	if z < zlo || z >= zhi || y < s || y >= ny-s {
		xlo, xhi = nx, nx
	} else {
		xlo, xhi = min(s, nx), max(nx-s, min(s, nx))
	}
	// Outside the inside band the border value decides: the erosion is
	// false (border false) or the EDT's; the dilation is true (border
	// true) or the EDT's.
	out = out[:nx]
	for x, d := range f {
		in := x >= xlo && x < xhi
		if dilate {
			out[x] = b2u(d <= r2 || (b.border && !in))
		} else {
			out[x] = b2u(d > r2 && (b.border || in))
		}
	}
}

func b2u(v bool) uint8 {
	if v {
		return 1
	}
	return 0
}

// zPass is the distance transform's pass along z over b.f (the planes'
// squared distances): each worker gathers the lines along z of a row y
// (nx lines of nz samples, small enough to stay in cache), takes their
// lower envelopes and puts them back.
func (b *ball) zPass(nx, ny, nz int) error {
	var mu sync.Mutex
	var lines []*distance.Line
	return parallel(ny, 1, func(lo, hi int) {
		mu.Lock()
		var line *distance.Line
		if n := len(lines); n > 0 {
			line, lines = lines[n-1], lines[:n-1]
		} else {
			line = distance.NewLine(nz)
		}
		mu.Unlock()
		buf := getBuf[float64](nx * nz)
		defer putBuf(buf)
		f, r2 := b.f, float64(b.r2)
		for y := lo; y < hi; y++ {
			for z := range nz {
				row := f[(z*ny+y)*nx : (z*ny+y+1)*nx]
				for x, v := range row {
					buf[x*nz+z] = v
				}
			}
			for x := range nx {
				l := buf[x*nz : (x+1)*nz]
				// The envelope is never below the line's least value nor
				// above its values: a line all 0 or all beyond R keeps
				// the threshold's answer as it is, without the envelope.
				mn, mx := l[0], l[0]
				for _, v := range l {
					mn, mx = min(mn, v), max(mx, v)
				}
				if mx == 0 || mn > r2 {
					continue
				}
				copy(l, line.Envelope(l, 1))
			}
			for z := range nz {
				row := f[(z*ny+y)*nx : (z*ny+y+1)*nx]
				for x := range row {
					row[x] = buf[x*nz+z]
				}
			}
		}
		mu.Lock()
		lines = append(lines, line)
		mu.Unlock()
	})
}

// invert writes into the Binary volume dst 1 where src's byte is 0, else 0.
func invert(dst, src *gips.Image) error {
	in, err := gips.Planes[uint8](src)
	if err != nil {
		return err
	}
	out, err := gips.WritablePlanes[uint8](dst)
	if err != nil {
		return err
	}
	g := src.Geometry()
	ny := g.SizeY
	return parallel(g.SizeZ*ny, max(1, (64<<10)/max(g.SizeX, 1)), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			s, d := in[i/ny].Row(i%ny), out[i/ny].Row(i%ny)
			for x, v := range s {
				d[x] = b2u(v == 0)
			}
		}
	})
}

// parallel runs fn over [0, n) with par.Try: a panic in a worker comes
// back as an error.
func parallel(n, grain int, fn func(lo, hi int)) error {
	if err := par.Try(n, grain, fn); err != nil {
		return fmt.Errorf("morpho: %w", err)
	}
	return nil
}
