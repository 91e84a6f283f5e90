package filter

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/vecstate"
)

// HessianEigenvalues is skimage.feature.hessian_matrix followed by
// hessian_matrix_eigvals (scikit-image 0.19.3): the image is smoothed by a
// Gaussian of standard deviation sigma (scipy.ndimage.gaussian_filter with
// the options' mode, cval and truncate), the Hessian's elements are
// numpy.gradient applied twice (central differences inside, one-sided at
// the ends), and each pixel gets the eigenvalues of its Hessian, largest
// first. The result is a multi-channel image of ndim channels (2 for a 2D
// image, 3 for a volume), channel k the k-th largest eigenvalue: numpy
// shape (ndim, ...), skimage's layout. The input must have one channel;
// time points are computed one by one.
//
// Differences from skimage: this family's default mode is reflect
// (hessian_matrix's is constant: pass WithMode(Constant)); the input's
// values are used as they are (skimage first scales integer images to
// [0, 1] or [-1, 1], which scales the eigenvalues by the same factor);
// along a 1-pixel axis the derivative is 0 (numpy.gradient refuses such an
// axis). The computation is in float64; the output is Real32 unless
// WithOutput says otherwise.
func HessianEigenvalues(img *gips.Image, sigma float64, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	g, err := HessianGeometry(img.Geometry(), c.output)
	if err != nil {
		return nil, err
	}
	out, err := gips.CreateImage(g)
	if err != nil {
		return nil, fmt.Errorf("hessianEigenvalues: %w", err)
	}
	out.SetCalibration(img.Calibration())
	return out, HessianEigenvaluesInto(out, img, [3]float64{sigma, sigma, sigma}, opts...)
}

// HessianGeometry is the output geometry of HessianEigenvalues for an
// input of geometry g and output type t (0: Real32).
func HessianGeometry(g gips.Geometry, t gips.BufferType) (gips.Geometry, error) {
	if g.SizeC != 1 {
		return g, fmt.Errorf("hessianEigenvalues: input %v: want one channel: %w", g, gips.ErrShape)
	}
	if t == 0 {
		t = gips.Real32
	}
	if !t.Valid() || t == gips.Binary || t.IsLabel() {
		return g, fmt.Errorf("hessianEigenvalues: output type %v: want a plain numeric type: %w", t, gips.ErrBufferType)
	}
	g.Type, g.Color, g.SizeC = t, gips.MultiChannel, 2
	if g.Volume {
		g.SizeC = 3
	}
	return g, nil
}

// HessianEigenvaluesInto is HessianEigenvalues with a sigma per axis (x
// first) into a caller's image of HessianGeometry's sizes, whose buffer
// type is the output type. dst may not share memory with src.
func HessianEigenvaluesInto(dst, src *gips.Image, sigma [3]float64, opts ...Option) error {
	const fn = "hessianEigenvalues"
	c := collect(opts)
	if err := checkSigma(fn, "sigma", sigma, c); err != nil {
		return err
	}
	if src.SizeC() != 1 {
		return fmt.Errorf("%s: input %v: want one channel: %w", fn, src.Geometry(), gips.ErrShape)
	}
	nd := ndims(src)
	return volumes(fn, dst, src, nd, func(v field[float64]) ([]field[float64], error) {
		return hessianEigen(v, nd, sigma, 1, c), nil
	})
}

// hessianEigen is the eigenvalues of the Hessian of v (largest first),
// its elements multiplied by scale; nd is 2 or 3 (a volume of one plane
// is 3D). v is smoothed in place.
func hessianEigen(v field[float64], nd int, sigma [3]float64, scale float64, c config) []field[float64] {
	hw := newHessianWork(v, nd)
	defer hw.release()
	h := hw.hessian(v, nd, sigma, c)
	out := make([]field[float64], nd)
	for k := range out {
		out[k] = pooledField[float64](v.w, v.h, v.d) // written in full below
	}
	forRows(v, func(lo, hi int) {
		for p := lo; p < hi; p++ {
			e := eigenAt(&h, nd, p, scale)
			for k := range out {
				out[k].pix[p] = e[k]
			}
		}
	})
	return out
}

// hessianWork holds the fields that the Hessian is computed in, so that
// a caller that takes it at several scales (Frangi) allocates them once:
// fresh fields of a 4096² image are 128 MiB each, whose page faults and
// zeroing cost more than the gradients written into them.
type hessianWork struct {
	g field[float64]       // a first derivative, one axis at a time
	h [3][3]field[float64] // the upper triangle
}

// newHessianWork is the work for the Hessian of fields of v's sizes in nd
// dimensions, from fieldPool: release gives it back.
func newHessianWork(v field[float64], nd int) *hessianWork {
	w := &hessianWork{g: pooledField[float64](v.w, v.h, v.d)}
	for i := range nd {
		for j := i; j < nd; j++ {
			w.h[i][j] = pooledField[float64](v.w, v.h, v.d)
		}
	}
	return w
}

// release gives w's fields back to fieldPool; w is not used after.
func (w *hessianWork) release() {
	w.g.release()
	for i := range w.h {
		for j := range w.h[i] {
			if w.h[i][j].pix != nil {
				w.h[i][j].release()
			}
		}
	}
}

// hessian smooths v in place by the Gaussian of sigma and returns the
// upper triangle of its Hessian: h[i][j] (j >= i) = gradient_j(gradient_i(v)),
// in w's fields (overwritten by the next call).
func (w *hessianWork) hessian(v field[float64], nd int, sigma [3]float64, c config) [3][3]field[float64] {
	v.separable(gaussianKernels[float64](sigma, [3]int{}, c.truncate, nd), c.mode, c.cval)
	for i := range nd {
		gradient(w.g, v, i)
		for j := i; j < nd; j++ {
			gradient(w.h[i][j], w.g, j)
		}
	}
	return w.h
}

// eigenAt is the eigenvalues (largest first) of the Hessian h at pixel p,
// its elements multiplied by scale.
func eigenAt(h *[3][3]field[float64], nd, p int, scale float64) [3]float64 {
	if nd == 2 {
		a, b, d := h[0][0].pix[p]*scale, h[0][1].pix[p]*scale, h[1][1].pix[p]*scale
		l1, l2 := eigen2(a, b, d)
		return [3]float64{l1, l2}
	}
	m := [3][3]float64{
		{h[0][0].pix[p], h[0][1].pix[p], h[0][2].pix[p]},
		{h[0][1].pix[p], h[1][1].pix[p], h[1][2].pix[p]},
		{h[0][2].pix[p], h[1][2].pix[p], h[2][2].pix[p]},
	}
	for i := range 3 {
		for j := range 3 {
			m[i][j] *= scale
		}
	}
	return eigen3(m)
}

// forRows calls fn on the pixel range [lo, hi) of each row of f, rows in
// parallel, with the vector registers' upper halves cleared before each
// row: these are long scalar float loops (vecstate.Clear says why).
func forRows(f field[float64], fn func(lo, hi int)) {
	w := max(f.w, 1)
	par.For(len(f.pix)/w, max(1, 4096/w), func(r0, r1 int) {
		for r := r0; r < r1; r++ {
			vecstate.Clear()
			fn(r*w, (r+1)*w)
		}
	})
}

// gradient sets g to numpy.gradient of f along axis a (edge_order 1):
// (f[i+1] − f[i−1])/2 inside, f[1] − f[0] and f[n−1] − f[n−2] at the ends,
// 0 along an axis of one pixel. g has f's sizes and is not f. It runs row
// by row: along y and z a row of the result is the difference of two
// whole rows, read in order.
func gradient(g, f field[float64], a int) {
	n := f.dims()[a]
	if n < 2 {
		clear(g.pix)
		return
	}
	if a == 0 {
		forRows(f, func(lo, hi int) {
			src, dst := f.pix[lo:hi], g.pix[lo:hi]
			dst[0], dst[n-1] = src[1]-src[0], src[n-1]-src[n-2]
			for i := 1; i < n-1; i++ {
				dst[i] = (src[i+1] - src[i-1]) / 2
			}
		})
		return
	}
	stride := [3]int{1, f.w, f.w * f.h}[a]
	forRows(f, func(lo, hi int) {
		prev, next, ends := lo-stride, lo+stride, false
		switch lo / stride % n { // the row's coordinate along a
		case 0:
			prev, ends = lo, true
		case n - 1:
			next, ends = lo, true
		}
		p, q, dst := f.pix[prev:prev+hi-lo], f.pix[next:next+hi-lo], g.pix[lo:hi]
		if ends {
			for i := range dst {
				dst[i] = q[i] - p[i]
			}
			return
		}
		for i := range dst {
			dst[i] = (q[i] - p[i]) / 2
		}
	})
}

// eigen2 is the eigenvalues of [[a, b], [b, d]], largest first, by
// skimage's closed form.
func eigen2(a, b, d float64) (float64, float64) {
	m := (a + d) / 2
	r := math.Sqrt(b*b + (a-d)*(a-d)/4)
	return m + r, m - r
}

// eigen3 is the eigenvalues of the symmetric 3x3 matrix m, largest first,
// by cyclic Jacobi rotations (accurate to a few ulps of the largest
// eigenvalue, like LAPACK's eigvalsh that skimage uses).
func eigen3(m [3][3]float64) [3]float64 {
	for sweep := 0; sweep < 50; sweep++ {
		off := m[0][1]*m[0][1] + m[0][2]*m[0][2] + m[1][2]*m[1][2]
		diag := m[0][0]*m[0][0] + m[1][1]*m[1][1] + m[2][2]*m[2][2]
		if off == 0 || off <= 1e-36*diag {
			break
		}
		for _, pq := range [3][2]int{{0, 1}, {0, 2}, {1, 2}} {
			p, q := pq[0], pq[1]
			if m[p][q] == 0 {
				continue
			}
			theta := (m[q][q] - m[p][p]) / (2 * m[p][q])
			t := math.Copysign(1, theta) / (math.Abs(theta) + math.Sqrt(theta*theta+1))
			if math.IsInf(theta, 0) {
				t = 0
			}
			c := 1 / math.Sqrt(t*t+1)
			s := t * c
			for k := range 3 { // columns p, q
				mkp, mkq := m[k][p], m[k][q]
				m[k][p], m[k][q] = c*mkp-s*mkq, s*mkp+c*mkq
			}
			for k := range 3 { // rows p, q
				mpk, mqk := m[p][k], m[q][k]
				m[p][k], m[q][k] = c*mpk-s*mqk, s*mpk+c*mqk
			}
		}
	}
	e := [3]float64{m[0][0], m[1][1], m[2][2]}
	if e[0] < e[1] {
		e[0], e[1] = e[1], e[0]
	}
	if e[1] < e[2] {
		e[1], e[2] = e[2], e[1]
	}
	if e[0] < e[1] {
		e[0], e[1] = e[1], e[0]
	}
	return e
}
