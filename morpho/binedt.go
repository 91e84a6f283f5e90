package morpho

import (
	"github.com/gipsdev/gips"
)

// The squared distance transform of a binary volume as the ball path needs
// it, in int32: the exact squared distance of each pixel to the nearest
// site (a false pixel for an erosion, a true one for a dilation) when it
// is <= R, else far = R+1. Only the comparison with R matters, so every
// value beyond R is clamped to far, and a far sample is never a site of
// the envelope: it cannot bring any pixel within R. That drops most of the
// sites of a blob's interior and halves the memory of float64 distances.
// Passes: along y (running distances, row by row), then the lower
// envelope of parabolas along x and along z (Meijster et al. 2000, with
// integer separators, exact).

// edtInt writes into dst the threshold (threshold, binball.go) of src's
// clamped squared distances (sites: the pixels whose truth is site, the
// true ones for a dilation), taken in the last pass on each line as it
// leaves the envelope, in cache: no pass of its own over the distances.
// All of src is read (the first pass) before dst is written.
func (b *ball) edtInt(dst, src *gips.Image, site bool) error {
	in, err := gips.Planes[uint8](src)
	if err != nil {
		return err
	}
	out, err := gips.WritablePlanes[uint8](dst)
	if err != nil {
		return err
	}
	g := src.Geometry()
	nx, ny, nz := g.SizeX, g.SizeY, g.SizeZ
	r2 := int32(b.r2)
	zlo, zhi := 0, nz
	if !b.planar {
		zlo, zhi = b.s, nz-b.s
	}
	last := b.planar || nz == 1 // the pass along x is the last
	far := int32(b.r2 + 1)
	s1 := int32(b.s + 1) // a distance beyond s is beyond R
	q := b.q
	const band = 512
	nb := (nx + band - 1) / band
	// Along y: the distance to the nearest site in the column, down then up.
	err = parallel(nz*nb, 1, func(lo, hi int) {
		cur := make([]int32, band)
		for l := lo; l < hi; l++ {
			z, x0 := l/nb, (l%nb)*band
			x1 := min(nx, x0+band)
			c := cur[:x1-x0]
			for i := range c {
				c[i] = s1
			}
			p := in[z]
			for y := range ny {
				src := p.Row(y)[x0:x1]
				f := q[(z*ny+y)*nx+x0 : (z*ny+y)*nx+x1]
				for i, v := range src {
					d := min(c[i]+1, s1)
					if (v != 0) == site {
						d = 0
					}
					c[i], f[i] = d, d
				}
			}
			for i := range c {
				c[i] = s1
			}
			for y := ny - 1; y >= 0; y-- {
				f := q[(z*ny+y)*nx+x0 : (z*ny+y)*nx+x1]
				for i, fd := range f {
					d := min(fd, c[i]+1)
					c[i] = d
					f[i] = far
					if d < s1 {
						f[i] = d * d
					}
				}
			}
		}
	})
	if err != nil {
		return err
	}
	// Along x, row by row in place.
	err = parallel(nz*ny, max(1, (16<<10)/max(nx, 1)), func(lo, hi int) {
		e := newEnv(nx)
		for i := lo; i < hi; i++ {
			f := q[i*nx : (i+1)*nx]
			e.run(f, far)
			if last {
				thresholdRow(b, out[i/ny].Row(i%ny), f, r2, i%ny, i/ny, ny, zlo, zhi, site)
			}
		}
	})
	if err != nil || last {
		return err
	}
	// Along z: each worker gathers the lines of a row y (nx lines of nz
	// samples, in cache), runs their envelopes and puts them back.
	return parallel(ny, 1, func(lo, hi int) {
		e := newEnv(nz)
		buf := make([]int32, nx*nz)
		row := make([]int32, nx)
		for y := lo; y < hi; y++ {
			for z := range nz {
				for x, v := range q[(z*ny+y)*nx : (z*ny+y+1)*nx] {
					buf[x*nz+z] = v
				}
			}
			for x := range nx {
				l := buf[x*nz : (x+1)*nz]
				// A line of far samples has no site and stays far; one of
				// sites only stays 0: no envelope to run.
				if l[0] >= far && allEq(l, l[0]) || l[0] == 0 && allEq(l, 0) {
					continue
				}
				e.run(l, far)
			}
			for z := range nz {
				for x := range row {
					row[x] = buf[x*nz+z]
				}
				thresholdRow(b, out[z].Row(y), row, r2, y, z, ny, zlo, zhi, site)
			}
		}
	})
}

// maxEnvLine is the longest line env.run takes; longer lines (a row of
// more than a million pixels) take the float64 path.
const maxEnvLine = 1 << 20

// env is the scratch of the envelope along lines of up to n samples: the
// envelope's sites and their values.
type env struct{ s, g []int }

func newEnv(n int) *env { return &env{make([]int, n), make([]int, n)} }

// run replaces f (squared distances along other axes, far or less) by
// min over sites u (f[u] < far) of f[u] + (x-u)², or far when that is
// beyond far-1. The parabolas' crossings are compared by cross
// multiplication, no division (products below 2^62 for lines of up to
// maxEnvLine samples, as far < 2^25), and the output walks the envelope comparing neighbouring sites at x: along the
// envelope their values at x fall, then rise.
func (e *env) run(f []int32, far int32) {
	m := len(f)
	s, g := e.s, e.g
	k := -1
	for u := range m {
		fu := int(f[u])
		// Far samples are no sites; nor is a 0 inside a run of 0s: it is
		// nearest only to itself, where the output is 0 anyway, and the
		// run's ends dominate it everywhere else.
		if fu >= int(far) || fu == 0 && u > 0 && u < m-1 && f[u-1] == 0 && f[u+1] == 0 {
			continue
		}
		// Drop s[k] while its range, from its crossing with s[k-1] to its
		// crossing with u, is empty: (b²-a²+g_b-g_a)/(b-a) >=
		// (u²-b²+f_u-g_b)/(u-b), both divided by 2.
		for k >= 1 {
			a, b := s[k-1], s[k]
			n1, n2 := b*b-a*a+g[k]-g[k-1], u*u-b*b+fu-g[k]
			if n1*(u-b) < n2*(b-a) {
				break
			}
			k--
		}
		k++
		s[k], g[k] = u, fu
	}
	if k < 0 {
		for x := range f {
			f[x] = far
		}
		return
	}
	j := 0
	for x := range f {
		if f[x] == 0 {
			continue
		}
		d := x - s[j]
		h := d*d + g[j]
		for j < k {
			d1 := x - s[j+1]
			h1 := d1*d1 + g[j+1]
			if h1 > h {
				break
			}
			j, h = j+1, h1
		}
		f[x] = far
		if h < int(far) {
			f[x] = int32(h)
		}
	}
}

func allEq(l []int32, v int32) bool {
	for _, w := range l {
		if w != v {
			return false
		}
	}
	return true
}
