package distance

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// LabelEDT is the multi-label exact Euclidean distance transform (the edt
// package's mode for label images): each pixel of a nonzero label gets its
// distance to the nearest pixel of another value (another label or 0), 0
// on label-0 pixels; equal to the sum over labels l of
// scipy.ndimage.distance_transform_edt(image == l, sampling) on the pixels
// of l. Touching labels are thus separated by their common boundary, as
// if a line of background ran between them. img holds labels: Label8,
// Label16, Label32 or an integer type (float and Binary images are
// refused). Outside the image is not background; an image (channel) that
// one label covers entirely is +Inf everywhere, as in EDT. Sampling,
// output and cost are EDT's, plus 4 bytes per voxel of one volume (the
// labels).
func LabelEDT(img *gips.Image, opts ...Option) (*gips.Image, error) {
	if err := checkLabels(img); err != nil {
		return nil, err
	}
	out, err := newOutput("labelEdt", img, collect(opts))
	if err != nil {
		return nil, err
	}
	return out, LabelEDTInto(out, img, opts...)
}

// LabelEDTInto is LabelEDT into dst, a Real32 or Real64 image of src's
// sizes (its type decides; WithOutput is not used).
func LabelEDTInto(dst, src *gips.Image, opts ...Option) error {
	const fn = "labelEdt"
	if err := checkLabels(src); err != nil {
		return err
	}
	if err := checkDst(fn, dst, src, gips.Real32, gips.Real64); err != nil {
		return err
	}
	v, err := newVolume(fn, src, collect(opts), false)
	if err != nil {
		return err
	}
	v.f = getScratch(v.sx * v.sy * v.sz)
	defer putScratch(v.f)
	// written in full by labelRows before any read
	lab := scratch.Get[uint32](&pool, len(v.f))
	defer scratch.Put(&pool, lab)
	g := src.Geometry()
	for vol := 0; vol < g.SizeC*g.SizeT; vol++ {
		plane0 := vol * g.SizeZ
		err := gips.Dispatch(src.Type(), gips.Kernels[labelArgs]{
			U8: labelRows[uint8], I8: labelRows[int8], U16: labelRows[uint16], I16: labelRows[int16],
			U32: labelRows[uint32], I32: labelRows[int32],
		}, labelArgs{v, lab, src, plane0})
		if err == nil {
			err = v.labelLines(lab, 1)
		}
		if err == nil {
			err = v.labelLines(lab, 2)
		}
		if err == nil {
			a := storeArgs{v: v, dst: dst, plane0: plane0}
			if dst.Type() == gips.Real32 {
				err = store[float32](a)
			} else {
				err = store[float64](a)
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
	}
	return nil
}

// checkLabels refuses float images (no labels) and Binary ones (any
// nonzero byte is the same "true", not a label of its own).
func checkLabels(img *gips.Image) error {
	if t := img.Type(); t.IsFloat() || t == gips.Binary {
		return fmt.Errorf("labelEdt: input image %v: want labels (Label8, Label16, Label32 or an integer type): %w", t, gips.ErrBufferType)
	}
	return nil
}

type labelArgs struct {
	v      *volume
	lab    []uint32 // the volume's labels, C order
	img    *gips.Image
	plane0 int
}

// labelRows is the first pass, along x: it copies the labels and gives
// each pixel of a nonzero label its squared distance to the nearest pixel
// of its row with another value: the ends of its run of equal labels.
func labelRows[T gips.Pixel](a labelArgs) error {
	planes, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	v := a.v
	w := v.w[0]
	return parallel(v.sy*v.sz, 16, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			src := planes[a.plane0+r/v.sy].Row(r % v.sy)
			f := v.f[r*v.sx : (r+1)*v.sx]
			lab := a.lab[r*v.sx : (r+1)*v.sx]
			for x, l := range src {
				lab[x] = uint32(l) // int32 to uint32 keeps labels distinct
			}
			n := len(src)
			for s := 0; s < n; {
				e := s + 1
				for e < n && src[e] == src[s] {
					e++
				}
				// The run [s, e): its other-valued neighbours are s-1 and e.
				for k := s; k < e; k++ {
					switch {
					case src[s] == 0:
						f[k] = 0
					case s == 0 && e == n:
						f[k] = math.Inf(1)
					default:
						d := math.MaxInt
						if s > 0 {
							d = k - s + 1
						}
						if e < n {
							d = min(d, e-k)
						}
						f[k] = w * float64(d) * float64(d)
					}
				}
				s = e
			}
		}
	})
}

// labelLines runs the 1D envelope along y (axis 1) or z (axis 2) over each
// run of equal nonzero labels of every line; label-0 pixels stay 0.
//
// Why a run and its two outer neighbours suffice: let p have label l, in
// the run [s, e) of its line along the axis, and f hold, for each sample
// q of the line, the squared distance within the earlier axes from q to
// the nearest voxel of a value other than q's own. The answer at p is the
// minimum over the line's q of w(p-q)^2 + g(q), with g(q) the squared
// distance within the earlier axes from q to the nearest voxel of a value
// other than l. Inside the run q has label l, so g(q) = f(q). Outside it q
// itself has a value other than l, so g(q) = 0, and the nearest such q
// are s-1 and e (where they are in the image): every other outside q is
// farther from p with the same value 0, so it never wins. The envelope of
// f on the run plus 0-valued sites at s-1 and e is therefore exact.
func (v *volume) labelLines(lab []uint32, axis int) error {
	var n, stride, outer int
	switch axis {
	case 1:
		n, stride, outer = v.sy, v.sx, v.sz
	default:
		n, stride, outer = v.sz, v.sx*v.sy, v.sy
	}
	if n == 1 {
		return nil
	}
	nb := (v.sx + block - 1) / block
	w := v.w[axis]
	return parallel(outer*nb, max(1, 512/n), func(lo, hi int) {
		var bufs [block]*lineBuf
		var labs [block][]uint32
		// From the pool (see getLineBuf): every line fills f and labs in
		// full before labelLine reads them.
		for c := range bufs {
			bufs[c] = getLineBuf(n, false)
			defer bufs[c].release()
			labs[c] = scratch.Get[uint32](&pool, n)
			defer scratch.Put(&pool, labs[c])
		}
		// sub is one run with its outer sites: at most n+2 samples.
		sub := getLineBuf(n+2, false)
		defer sub.release()
		for l := lo; l < hi; l++ {
			o, x0 := l/nb, (l%nb)*block
			i0 := o*v.sx + x0
			if axis == 1 {
				i0 = o*v.sx*v.sy + x0
			}
			m := min(block, v.sx-x0)
			for k, i := 0, i0; k < n; k, i = k+1, i+stride {
				for c := range m {
					bufs[c].f[k] = v.f[i+c]
					labs[c][k] = lab[i+c]
				}
			}
			for c := range m {
				labelLine(bufs[c].f, labs[c], w, sub)
			}
			for k, i := 0, i0; k < n; k, i = k+1, i+stride {
				for c := range m {
					v.f[i+c] = bufs[c].f[k]
				}
			}
		}
	})
}

// labelLine transforms one line f (labels lab) in place, run by run.
func labelLine(f []float64, lab []uint32, w float64, sub *lineBuf) {
	n := len(f)
	for s := 0; s < n; {
		e := s + 1
		for e < n && lab[e] == lab[s] {
			e++
		}
		if lab[s] != 0 {
			k := 0
			if s > 0 {
				sub.f[k] = 0
				k++
			}
			k += copy(sub.f[k:], f[s:e])
			if e < n {
				sub.f[k] = 0
				k++
			}
			envelope(sub.f[:k], sub.d[:k], w, sub.v, sub.z, nil, nil)
			off := 0
			if s > 0 {
				off = 1
			}
			copy(f[s:e], sub.d[off:off+e-s])
		}
		s = e
	}
}
