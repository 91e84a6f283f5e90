package morpho

import (
	"fmt"
	"unsafe"

	"github.com/gipsdev/gips"
)

// greyOp is one of the grey ops, all built from the minimum filter.
type greyOp int

const (
	opErode greyOp = iota
	opDilate
	opOpening
	opClosing
	opWhiteTophat
	opBlackTophat
	opGradient
)

var greyNames = [...]string{"erode", "dilate", "opening", "closing", "whiteTophat", "blackTophat", "gradient"}

// Erode is the grey erosion, scipy.ndimage.grey_erosion(img,
// footprint=se): each pixel becomes the minimum of the pixels under the
// footprint centred on it (centre size/2), read beyond the border by the
// mode (Reflect by default). The output has the input's type; 2D images
// and each plane of a 2D footprint run plane by plane, volumes in 3D, and
// every channel and time point alone.
func Erode(img *gips.Image, se SE, opts ...Option) (*gips.Image, error) {
	return greyNew(opErode, img, se, opts)
}

// ErodeInto is Erode into dst (src's sizes and type); dst may be src.
func ErodeInto(dst, src *gips.Image, se SE, opts ...Option) error {
	return greyInto(opErode, dst, src, se, opts)
}

// Dilate is the grey dilation, scipy.ndimage.grey_dilation: the maximum
// under the footprint reflected through its centre (for an even size the
// reflected window reaches one pixel further forward than back).
func Dilate(img *gips.Image, se SE, opts ...Option) (*gips.Image, error) {
	return greyNew(opDilate, img, se, opts)
}

// DilateInto is Dilate into dst; dst may be src.
func DilateInto(dst, src *gips.Image, se SE, opts ...Option) error {
	return greyInto(opDilate, dst, src, se, opts)
}

// Opening is Dilate(Erode(img)), scipy.ndimage.grey_opening.
func Opening(img *gips.Image, se SE, opts ...Option) (*gips.Image, error) {
	return greyNew(opOpening, img, se, opts)
}

// OpeningInto is Opening into dst; dst may be src.
func OpeningInto(dst, src *gips.Image, se SE, opts ...Option) error {
	return greyInto(opOpening, dst, src, se, opts)
}

// Closing is Erode(Dilate(img)), scipy.ndimage.grey_closing.
func Closing(img *gips.Image, se SE, opts ...Option) (*gips.Image, error) {
	return greyNew(opClosing, img, se, opts)
}

// ClosingInto is Closing into dst; dst may be src.
func ClosingInto(dst, src *gips.Image, se SE, opts ...Option) error {
	return greyInto(opClosing, dst, src, se, opts)
}

// WhiteTophat is img - Opening(img), scipy.ndimage.white_tophat. Integer
// differences saturate (scipy's wrap around in the rare case, Constant
// mode with a high cval, where the opening exceeds the image).
func WhiteTophat(img *gips.Image, se SE, opts ...Option) (*gips.Image, error) {
	return greyNew(opWhiteTophat, img, se, opts)
}

// WhiteTophatInto is WhiteTophat into dst; dst may be src.
func WhiteTophatInto(dst, src *gips.Image, se SE, opts ...Option) error {
	return greyInto(opWhiteTophat, dst, src, se, opts)
}

// BlackTophat is Closing(img) - img, scipy.ndimage.black_tophat
// (saturating as WhiteTophat).
func BlackTophat(img *gips.Image, se SE, opts ...Option) (*gips.Image, error) {
	return greyNew(opBlackTophat, img, se, opts)
}

// BlackTophatInto is BlackTophat into dst; dst may be src.
func BlackTophatInto(dst, src *gips.Image, se SE, opts ...Option) error {
	return greyInto(opBlackTophat, dst, src, se, opts)
}

// Gradient is Dilate(img) - Erode(img), scipy.ndimage.morphological_gradient
// (saturating as WhiteTophat).
func Gradient(img *gips.Image, se SE, opts ...Option) (*gips.Image, error) {
	return greyNew(opGradient, img, se, opts)
}

// GradientInto is Gradient into dst; dst may be src.
func GradientInto(dst, src *gips.Image, se SE, opts ...Option) error {
	return greyInto(opGradient, dst, src, se, opts)
}

func greyNew(op greyOp, img *gips.Image, se SE, opts []Option) (*gips.Image, error) {
	out, err := gips.CreateImage(img.Geometry())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", greyNames[op], err)
	}
	out.SetCalibration(img.Calibration())
	return out, greyInto(op, out, img, se, opts)
}

type greyArgs struct {
	op       greyOp
	dst, src *gips.Image
	se       SE
	c        config
}

func greyInto(op greyOp, dst, src *gips.Image, se SE, opts []Option) error {
	fn := greyNames[op]
	c, err := collect(fn, opts)
	if err != nil {
		return err
	}
	t := src.Type()
	if t == gips.Binary || t.IsLabel() {
		return fmt.Errorf("%s: input type %v: want a numeric type (binaryErode ... for Binary images): %w", fn, t, gips.ErrBufferType)
	}
	if err := checkPair(fn, dst, src, t); err != nil {
		return err
	}
	if err := se.check(fn, ndim(src.Geometry())); err != nil {
		return err
	}
	a := greyArgs{op, dst, src, se, c}
	err = gips.Dispatch(t, gips.AllKernels(greyKernel[uint8], greyKernel[int8], greyKernel[uint16], greyKernel[int16],
		greyKernel[uint32], greyKernel[int32], greyKernel[float32], greyKernel[float64]), a)
	if err != nil {
		return fmt.Errorf("%s: %w", fn, err)
	}
	return nil
}

func greyKernel[T gips.Pixel](a greyArgs) error {
	in, err := gips.Planes[T](a.src)
	if err != nil {
		return err
	}
	out, err := gips.WritablePlanes[T](a.dst)
	if err != nil {
		return err
	}
	return greyPlanes(a, in, out)
}

// subSat sets dst to a - b, saturated for integers; dst may be a or b.
// UInt8 and UInt16 rows take whole words (subWords: AVX2 or SWAR), Int8,
// Int16 and floats AVX2 vectors (simdSubOther).
func subSat[T gips.Pixel](dst, a, b []T) {
	a, b = a[:len(dst)], b[:len(dst)]
	done := 0
	switch o := any(dst).(type) {
	case []uint8:
		done = subWords(lanes8, false, o, bytesOf(a), bytesOf(b))
	case []uint16:
		done = subWords(lanes16, true, bytesOf(o), bytesOf(a), bytesOf(b)) / 2
	default:
		var z T
		done = simdSubOther(laneKindOf[T](), bytesOf(dst), bytesOf(a), bytesOf(b)) / int(unsafe.Sizeof(z))
	}
	dst, a, b = dst[done:], a[done:], b[done:]
	t := gips.TypeOf[T]()
	if t.IsFloat() {
		for i := range dst {
			dst[i] = a[i] - b[i]
		}
		return
	}
	if !t.IsSigned() { // unsigned: a - b or 0, without the float64 round trip and clamp per pixel
		for i := range dst {
			d := a[i] - b[i]
			if a[i] < b[i] {
				d = 0
			}
			dst[i] = d
		}
		return
	}
	lo, hi := t.Range()
	l, h := int64(lo), int64(hi)
	for i := range dst {
		dst[i] = T(min(max(int64(a[i])-int64(b[i]), l), h)) // exact for every signed type
	}
}
