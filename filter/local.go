package filter

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
)

// LocalVariance is the variance of the pixels in a box of size pixels
// along every axis around each pixel (x and y, and z for a volume; each
// channel and time point alone): uniform_filter(v², size) −
// uniform_filter(v, size)², scipy.ndimage.uniform_filter's box (an even
// size reaches one pixel further back than forward) and border modes, with
// cval² for v² in Constant mode (the box then holds cval beyond the
// border). It is computed in float64 whatever the input, and a difference
// that rounds below 0 gives 0. Output Real32 unless WithOutput says
// otherwise.
func LocalVariance(img *gips.Image, size int, opts ...Option) (*gips.Image, error) {
	return localAlloc("localVariance", img, size, false, opts)
}

// LocalVarianceInto is LocalVariance with a size per axis (x first) into a
// caller's image of src's sizes, whose buffer type is the output type.
// dst may be src.
func LocalVarianceInto(dst, src *gips.Image, size [3]int, opts ...Option) error {
	return localInto("localVariance", dst, src, size, false, collect(opts))
}

// LocalStd is the square root of LocalVariance: the standard deviation
// over the box (numpy's std with ddof 0).
func LocalStd(img *gips.Image, size int, opts ...Option) (*gips.Image, error) {
	return localAlloc("localStd", img, size, true, opts)
}

// LocalStdInto is LocalStd into a caller's image (see LocalVarianceInto).
func LocalStdInto(dst, src *gips.Image, size [3]int, opts ...Option) error {
	return localInto("localStd", dst, src, size, true, collect(opts))
}

// MaxBoxSize bounds a box size: the kernel is built as size weights.
const MaxBoxSize = 2*MaxDerivativeRadius + 1

func localAlloc(fn string, img *gips.Image, size int, std bool, opts []Option) (*gips.Image, error) {
	c := collect(opts)
	out, err := newOutput(fn, img, c.output)
	if err != nil {
		return nil, err
	}
	return out, localInto(fn, out, img, [3]int{size, size, size}, std, c)
}

func localInto(fn string, dst, src *gips.Image, size [3]int, std bool, c config) error {
	if err := c.check(fn); err != nil {
		return err
	}
	var k [3][]float64
	for a := range ndims(src) {
		s := size[a]
		if s < 1 || s > MaxBoxSize {
			return fmt.Errorf("%s: size %d along %c: want 1 to %d: %w", fn, s, "xyz"[a], MaxBoxSize, ErrParam)
		}
		if s == 1 {
			continue
		}
		// An even box as an odd kernel with a trailing zero: it reaches
		// s/2 back and s/2-1 forward, as scipy's.
		k[a] = make([]float64, s|1)
		for i := range s {
			k[a][i] = 1 / float64(s)
		}
	}
	if done, err := localU8(fn, dst, src, size, std, c); done {
		return err
	}
	return volumes(fn, dst, src, 1, func(v field[float64]) ([]field[float64], error) {
		sq := v.clone()
		for i, x := range sq.pix {
			sq.pix[i] = x * x
		}
		v.separable(k, c.mode, c.cval)
		sq.separable(k, c.mode, c.cval*c.cval)
		for i, m := range v.pix {
			d := max(sq.pix[i]-m*m, 0)
			if std {
				d = math.Sqrt(d)
			}
			sq.pix[i] = d
		}
		return []field[float64]{sq}, nil
	})
}
