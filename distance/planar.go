package distance

import (
	"math"

	"github.com/gipsdev/gips"
)

// The passes inside each plane without feature tracking, in the order
// that keeps memory access sequential: first along y, each pixel's
// distance to the nearest zero of its column, found by a scan down and
// one up the plane over a band of columns at once (a row of the band at
// a time: sequential reads and writes, no gather); then the envelope
// along x, over contiguous rows. The result is the same minimum over the
// plane's zeros as the order x then y (exactly, in unit sampling: every
// value is an integer), without the column gathers and scatters that
// were half of the time of a 2D transform.

// colBand is how many columns one worker scans together: their state is
// a few kilobytes, in L1, and each row segment is a few cache lines.
const colBand = 512

type colsArgs struct {
	v      *volume
	img    *gips.Image
	plane0 int
	invert bool
}

// cols is the pass along y: v.f gets w_y * d^2, d the distance to the
// nearest zero (nonzero when invert) of the pixel's column in its plane,
// +Inf in a column without one.
func cols[T gips.Pixel](a colsArgs) error {
	planes, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	v := a.v
	nb := (v.sx + colBand - 1) / colBand
	w := v.w[1]
	const far = 1 << 40 // no zero seen yet
	return parallel(v.sz*nb, 1, func(lo, hi int) {
		cur := make([]int64, colBand)
		for l := lo; l < hi; l++ {
			z, x0 := l/nb, (l%nb)*colBand
			x1 := min(v.sx, x0+colBand)
			p := planes[a.plane0+z]
			base := z * v.sx * v.sy
			c := cur[:x1-x0]
			for i := range c {
				c[i] = far
			}
			// Down: distance to the nearest zero above or at, kept in f
			// as an integer-valued float.
			for y := range v.sy {
				src := p.Row(y)[x0:x1]
				f := v.f[base+y*v.sx+x0 : base+y*v.sx+x1]
				f = f[:len(src)]
				c = c[:len(src)]
				for i, s := range src {
					d := c[i] + 1
					if (s == 0) != a.invert {
						d = 0
					}
					c[i] = d
					f[i] = float64(d)
				}
			}
			// Up: the smaller of that and the distance to the nearest
			// zero below, squared and scaled.
			for i := range c {
				c[i] = far
			}
			for y := v.sy - 1; y >= 0; y-- {
				f := v.f[base+y*v.sx+x0 : base+y*v.sx+x1]
				c = c[:len(f)]
				for i, fd := range f {
					d := min(int64(fd), c[i]+1)
					c[i] = d
					k := float64(d)
					f[i] = w * k * k
					if d >= far {
						f[i] = math.Inf(1)
					}
				}
			}
		}
	})
}

// xRows is the pass along x over every row of the volume, in place; when
// last, into v.out as square roots instead.
func (v *volume) xRows(last bool) error {
	w := v.w[0]
	c := newParabola(w)
	return parallel(v.sy*v.sz, 16, func(lo, hi int) {
		p := getPadLine(v.sx)
		defer p.release()
		for r := lo; r < hi; r++ {
			f := v.f[r*v.sx : (r+1)*v.sx]
			d := p.run(f, w, c)
			if !last {
				copy(f, d)
				continue
			}
			r32, r64 := v.out(r/v.sy, r%v.sy)
			if r32 != nil {
				r32 = r32[:len(d)]
				for x, d := range d {
					r32[x] = float32(math.Sqrt(d))
				}
				continue
			}
			r64 = r64[:len(d)]
			for x, d := range d {
				r64[x] = math.Sqrt(d)
			}
		}
	})
}

// planar runs the passes along y and x of the volume of img that starts
// at plane plane0 (the passes along x and y, in that order, with feature
// tracking): v.f gets each voxel's squared distance to the nearest zero of
// its plane. last: the pass along x writes v.out (a 2D image's last pass).
func (v *volume) planar(img *gips.Image, plane0 int, invert, last bool) error {
	if v.feat != nil {
		err := gips.Dispatch(img.Type(), gips.AllKernels(rows[uint8], rows[int8], rows[uint16], rows[int16],
			rows[uint32], rows[int32], rows[float32], rows[float64]), rowsArgs{v, img, plane0, invert})
		if err != nil {
			return err
		}
		return v.lines(1)
	}
	err := gips.Dispatch(img.Type(), gips.AllKernels(cols[uint8], cols[int8], cols[uint16], cols[int16],
		cols[uint32], cols[int32], cols[float32], cols[float64]), colsArgs{v, img, plane0, invert})
	if err != nil {
		return err
	}
	return v.xRows(last)
}

// envelopeGaps is envelopeDist over a line, one gap between two zeros of
// f at a time: a sample between zeros at a and b is nearer to a or b than
// to anything beyond them (plus a value >= 0), so each gap, with its zero
// ends, is a line of its own, and a zero is 0. The work is then per
// foreground sample, in short lines whose envelope stays in L1; the
// values are envelopeDist's (a gap's distances do not depend on where it
// starts).
func envelopeGaps(f, d []float64, w float64, v []int, g []float64) {
	n := len(f)
	d = d[:n]
	a := -1 // the last zero
	for x := 0; x <= n; x++ {
		if x < n && f[x] != 0 {
			continue
		}
		if x > a+1 { // a gap (a, x)
			lo, hi := max(a, 0), min(x+1, n)
			envelopeDist(f[lo:hi], d[lo:hi], w, v, g)
		}
		if x < n {
			d[x] = 0
		}
		a = x
	}
}
