package morpho

import (
	"bytes"
	"fmt"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// BinaryTypes are the input types of the binary ops: one byte per pixel,
// any nonzero byte true.
var BinaryTypes = []gips.BufferType{gips.Binary, gips.UInt8, gips.Label8}

// BinaryOption sets the iterations or the border value of a binary op.
type BinaryOption func(*binConfig)

type binConfig struct {
	iterations int
	border     bool
}

// WithIterations repeats the op n times (default 1); n < 1 repeats it
// until nothing changes, as scipy's iterations argument.
func WithIterations(n int) BinaryOption { return func(c *binConfig) { c.iterations = n } }

// WithBorderValue sets the value of the pixels beyond the border (default
// false, scipy's border_value=0; scikit-image behaves as true for
// erosion).
func WithBorderValue(v bool) BinaryOption { return func(c *binConfig) { c.border = v } }

type binOp int

const (
	binErode binOp = iota
	binDilate
	binOpening
	binClosing
)

var binNames = [...]string{"binaryErode", "binaryDilate", "binaryOpening", "binaryClosing"}

// BinaryErode is scipy.ndimage.binary_erosion(img, structure=se): a pixel
// stays true when every pixel under the footprint centred on it (centre
// size/2) is true, pixels beyond the border counting as the border value
// (false by default). The input is any one-byte image (Binary, UInt8,
// Label8; any nonzero byte is true), the output Binary, 2D planes or
// volumes, every channel and time point alone. se is usually Cross(ndim),
// scipy's default structure. A Disk or Ball (any footprint that is exactly
// a Euclidean ball) of a large enough radius, at one iteration, goes
// through an exact squared distance transform, in time independent of
// the radius (binball.go); so do the other binary ops.
func BinaryErode(img *gips.Image, se SE, opts ...BinaryOption) (*gips.Image, error) {
	return binNew(binErode, img, se, opts)
}

// BinaryErodeInto is BinaryErode into a Binary image of img's sizes; dst
// may be src.
func BinaryErodeInto(dst, src *gips.Image, se SE, opts ...BinaryOption) error {
	return binInto(binErode, dst, src, se, opts)
}

// BinaryDilate is scipy.ndimage.binary_dilation: a pixel becomes true when
// any pixel under the footprint reflected through its centre is true.
func BinaryDilate(img *gips.Image, se SE, opts ...BinaryOption) (*gips.Image, error) {
	return binNew(binDilate, img, se, opts)
}

// BinaryDilateInto is BinaryDilate into dst; dst may be src.
func BinaryDilateInto(dst, src *gips.Image, se SE, opts ...BinaryOption) error {
	return binInto(binDilate, dst, src, se, opts)
}

// BinaryOpening is scipy.ndimage.binary_opening: iterations erosions, then
// as many dilations, with the same border value.
func BinaryOpening(img *gips.Image, se SE, opts ...BinaryOption) (*gips.Image, error) {
	return binNew(binOpening, img, se, opts)
}

// BinaryOpeningInto is BinaryOpening into dst; dst may be src.
func BinaryOpeningInto(dst, src *gips.Image, se SE, opts ...BinaryOption) error {
	return binInto(binOpening, dst, src, se, opts)
}

// BinaryClosing is scipy.ndimage.binary_closing: iterations dilations,
// then as many erosions.
func BinaryClosing(img *gips.Image, se SE, opts ...BinaryOption) (*gips.Image, error) {
	return binNew(binClosing, img, se, opts)
}

// BinaryClosingInto is BinaryClosing into dst; dst may be src.
func BinaryClosingInto(dst, src *gips.Image, se SE, opts ...BinaryOption) error {
	return binInto(binClosing, dst, src, se, opts)
}

func binNew(op binOp, img *gips.Image, se SE, opts []BinaryOption) (*gips.Image, error) {
	out, err := gips.CreateImage(img.Geometry().WithType(gips.Binary))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", binNames[op], err)
	}
	out.SetCalibration(img.Calibration())
	return out, binInto(op, out, img, se, opts)
}

// checkBinary checks a binary op's input type.
func checkBinary(fn string, t gips.BufferType) error {
	for _, b := range BinaryTypes {
		if t == b {
			return nil
		}
	}
	return fmt.Errorf("%s: image of type %v: want a one-byte image (Binary, UInt8, Label8; threshold it first): %w", fn, t, gips.ErrBufferType)
}

// binaryVolumes runs fn on each volume of src as 0/1 bytes and writes the
// result, 0/1, into dst (Binary).
func binaryVolumes(fn string, dst, src *gips.Image, f func(res, vol []uint8, d nbhd.Dims) error) error {
	if err := checkBinary(fn, src.Type()); err != nil {
		return err
	}
	if err := checkPair(fn, dst, src, gips.Binary); err != nil {
		return err
	}
	in, err := gips.Planes[uint8](src)
	if err != nil {
		return err
	}
	out, err := gips.WritablePlanes[uint8](dst)
	if err != nil {
		return err
	}
	g := src.Geometry()
	d := nbhd.DimsOf(g)
	// From the pool (pool.go): fresh, the two took 32 000 page faults a
	// call on a 512x512x256 volume (fillHoles: half its time). vol is
	// written in full by Gather; res is cleared, as a fresh one was zero.
	vol, res := getBuf[uint8](d.Len()), getBuf[uint8](d.Len())
	defer putBuf(vol)
	defer putBuf(res)
	for v := range nbhd.Volumes(g) {
		clear(res)
		nbhd.Gather(vol, in, g, v)
		ones(vol)
		if err := f(res, vol, d); err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
		nbhd.Scatter(out, g, v, res)
	}
	return nil
}

func binInto(op binOp, dst, src *gips.Image, se SE, opts []BinaryOption) error {
	fn := binNames[op]
	c := binConfig{iterations: 1}
	for _, o := range opts {
		o(&c)
	}
	if err := se.check(fn, ndim(src.Geometry())); err != nil {
		return err
	}
	if c.iterations == 1 {
		if err := checkBinary(fn, src.Type()); err != nil {
			return err
		}
		if err := checkPair(fn, dst, src, gips.Binary); err != nil {
			return err
		}
		if r2, ok := ballPath(se); ok {
			if err := binBall(op, dst, src, se, r2, c.border); err != nil {
				return fmt.Errorf("%s: %w", fn, err)
			}
			return nil
		}
		if err := binPlanes(op, dst, src, se, c); err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
		return nil
	}
	return binaryVolumes(fn, dst, src, func(res, vol []uint8, d nbhd.Dims) error {
		b := binFilter{d: d, se: se, border: c.border, iterations: c.iterations, tmp: make([]uint8, d.Len())}
		var err error
		switch op {
		case binErode:
			err = b.repeat(res, vol, false)
		case binDilate:
			err = b.repeat(res, vol, true)
		case binOpening:
			if err = b.repeat(res, vol, false); err == nil {
				copy(vol, res)
				err = b.repeat(res, vol, true)
			}
		case binClosing:
			if err = b.repeat(res, vol, true); err == nil {
				copy(vol, res)
				err = b.repeat(res, vol, false)
			}
		}
		return err
	})
}

// binFilter erodes or dilates 0/1 volumes of dims d.
type binFilter struct {
	d          nbhd.Dims
	se         SE
	border     bool
	iterations int
	tmp        []uint8
}

// repeat writes into res the erosion (or dilation) of vol repeated
// b.iterations times, or until nothing changes (also when iterations < 1:
// with the footprint's centre true each pass that changes something
// changes a pixel for good, so that takes at most one pass per pixel; an
// op that is still changing after that oscillates and is an error).
// vol is used as scratch.
func (b binFilter) repeat(res, vol []uint8, dilate bool) error {
	limit := b.iterations
	if limit < 1 {
		limit = b.d.Len() + 2
	}
	cur := vol
	for i := 0; i < limit; i++ {
		next := res
		if &cur[0] == &res[0] {
			next = b.tmp
		}
		if err := b.once(next, cur, dilate); err != nil {
			return err
		}
		if limit == 1 {
			cur = next
			break
		}
		same := bytes.Equal(next, cur)
		cur = next
		if same {
			break
		}
		if b.iterations < 1 && i == limit-1 {
			return fmt.Errorf("iterations: the op does not converge with this footprint (its centre is false): %w", gips.ErrParam)
		}
	}
	if &cur[0] != &res[0] {
		copy(res, cur)
	}
	return nil
}

// once is one erosion (the minimum) or dilation (the maximum over the
// reflected footprint) of 0/1 bytes.
func (b binFilter) once(dst, src []uint8, dilate bool) error {
	bv := uint8(0)
	if b.border {
		bv = 1
	}
	return pass(bufView(dst, b.d), bufView(src, b.d), b.d, b.se, dilate, dilate, gips.Constant, bv, nil)
}

// ones sets every nonzero byte of b to 1, eight bytes a word: a byte's top
// bit after adding 0x7F to its low seven bits, or'ed with the byte itself,
// says whether any bit was set.
func ones(b []uint8) {
	const low, top = 0x7F7F7F7F7F7F7F7F, 0x8080808080808080
	n := len(b) &^ 7
	if n > 0 {
		p := unsafe.Pointer(&b[0])
		for i := 0; i < n; i += 8 {
			w := (*uint64)(unsafe.Add(p, i))
			*w = (((*w & low) + low) | *w) & top >> 7
		}
	}
	for i := n; i < len(b); i++ {
		if b[i] != 0 {
			b[i] = 1
		}
	}
}
