package color

import (
	"fmt"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// conversion is one colour conversion: three channels in, one or three out.
type conversion struct {
	name  string
	one   func(r, g, b float64) float64
	three func(a, b, c float64) (float64, float64, float64)
	out   gips.ColorModel // of a three-channel result
}

var (
	toGrey  = conversion{name: "rgbToGrey", one: grey}
	toHsv   = conversion{name: "rgbToHsv", three: hsv, out: gips.MultiChannel}
	fromHsv = conversion{name: "hsvToRgb", three: rgbFromHsv, out: gips.RGB}
	toLab   = conversion{name: "rgbToLab", three: lab, out: gips.MultiChannel}
	fromLab = conversion{name: "labToRgb", three: rgbFromLab, out: gips.RGB}
	toYCbCr = conversion{name: "rgbToYCbCr", three: ycbcr, out: gips.MultiChannel}
)

// FloatType is skimage's output type for an input of type t: Real32 for
// Real32, Real64 for every other type.
func FloatType(t gips.BufferType) gips.BufferType {
	if t == gips.Real32 {
		return gips.Real32
	}
	return gips.Real64
}

// Geometry is the output geometry of the conversion named fn ("rgbToGrey",
// ...) for input g, of type out (0: FloatType).
func (c conversion) geometry(g gips.Geometry, out gips.BufferType) (gips.Geometry, error) {
	if g.SizeC != 3 {
		return g, fmt.Errorf("%s: %v has %d channels: want 3 (an RGB image, channel first: FromRgbArray): %w", c.name, g, g.SizeC, gips.ErrShape)
	}
	if !numeric(g.Type) {
		return g, fmt.Errorf("%s: input type %v: want a plain numeric type: %w", c.name, g.Type, gips.ErrBufferType)
	}
	if out == 0 {
		out = FloatType(g.Type)
	}
	if out != gips.Real32 && out != gips.Real64 {
		return g, fmt.Errorf("%s: output type %v: want Real32 or Real64: %w", c.name, out, gips.ErrBufferType)
	}
	g.Type = out
	if c.one != nil {
		g.SizeC, g.Color = 1, gips.Grey
	} else {
		g.Color = c.out
	}
	return g, nil
}

func numeric(t gips.BufferType) bool { return t.Valid() && t != gips.Binary && !t.IsLabel() }

// apply allocates the output (of type out, 0 for FloatType) and converts.
func (c conversion) apply(img *gips.Image, out gips.BufferType) (*gips.Image, error) {
	g, err := c.geometry(img.Geometry(), out)
	if err != nil {
		return nil, err
	}
	dst, err := gips.CreateImage(g)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.name, err)
	}
	dst.SetCalibration(img.Calibration())
	return dst, c.into(dst, img)
}

// into converts src into dst, which has the geometry c.geometry gives for
// dst's type. dst may be src for a three-channel conversion of a float
// image of dst's type (each pixel is read before it is written).
func (c conversion) into(dst, src *gips.Image) error {
	g, err := c.geometry(src.Geometry(), dst.Type())
	if err != nil {
		return err
	}
	gd := dst.Geometry()
	if gd.SizeX != g.SizeX || gd.SizeY != g.SizeY || gd.SizeZ != g.SizeZ || gd.SizeC != g.SizeC || gd.SizeT != g.SizeT {
		return fmt.Errorf("%s: output %v: want %v: %w", c.name, gd, g, gips.ErrShape)
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("%s: output: %w", c.name, err)
	}
	a := &job{c: &c, dst: dst, src: src}
	return gips.Dispatch(src.Type(), gips.AllKernels(runFrom[uint8], runFrom[int8], runFrom[uint16], runFrom[int16],
		runFrom[uint32], runFrom[int32], runFrom[float32], runFrom[float64]), a)
}

type job struct {
	c        *conversion
	dst, src *gips.Image
}

func runFrom[S gips.Pixel](j *job) error {
	if j.dst.Type() == gips.Real32 {
		return run[S, float32](j)
	}
	return run[S, float64](j)
}

// scale is skimage's img_as_float for type S: unsigned integers times
// 1/max, signed ones times 1/max and clipped at -1, floats as they are.
func scale[S gips.Pixel]() (k float64, signed, float bool) {
	t := gips.TypeOf[S]()
	if t.IsFloat() {
		return 1, false, true
	}
	_, hi := t.Range()
	return 1 / hi, t.IsSigned(), false
}

func run[S gips.Pixel, D float32 | float64](j *job) error {
	sp, err := gips.Planes[S](j.src)
	if err != nil {
		return err
	}
	dp, err := gips.WritablePlanes[D](j.dst)
	if err != nil {
		return err
	}
	g := j.src.Geometry()
	c := j.c
	k, signed, isFloat := scale[S]()
	// The scaled value of every 8- and 16-bit input (for rgbToLab its gamma
	// expansion): the same numbers as computing them, looked up.
	lab := c.name == toLab.name
	var lut []float64
	var off int
	if t := gips.TypeOf[S](); !t.IsFloat() && t.ItemSize() <= 2 && c.name != toGrey.name {
		lo, hi := t.Range()
		off = int(lo)
		lut = make([]float64, int(hi-lo)+1)
		for i := range lut {
			lut[i] = scaled(S(i+off), k, signed, isFloat)
			if lab {
				lut[i] = linear(lut[i])
			}
		}
	}
	load := func(dst []float64, src []S) {
		src = src[:len(dst)]
		switch {
		case lut != nil:
			for i, v := range src {
				dst[i] = lut[int(v)-off]
			}
		case isFloat && !lab:
			for i, v := range src {
				dst[i] = float64(v)
			}
		default:
			for i, v := range src {
				dst[i] = scaled(v, k, signed, isFloat)
				if lab {
					dst[i] = linear(dst[i])
				}
			}
		}
	}
	row := rowKernel[D](c.name)
	// rgbToGrey of 8- and 16-bit images: each channel's term (scaled value
	// times its weight, the products greyRow computes) for every value.
	var greyLut *[3][]float64
	if t := gips.TypeOf[S](); c.name == toGrey.name && !t.IsFloat() && t.ItemSize() <= 2 {
		lo, hi := t.Range()
		off = int(lo)
		greyLut = &[3][]float64{}
		for ch, w := range [3]float64{wr, wg, wb} {
			l := make([]float64, int(hi-lo)+1)
			for i := range l {
				l[i] = scaled(S(i+off), k, signed, isFloat) * w
			}
			greyLut[ch] = l
		}
	}
	nOut := 3
	if c.one != nil {
		nOut = 1
	}
	rowBytes := g.SizeX * (3*g.Type.ItemSize() + nOut*j.dst.Type().ItemSize())
	var panicked any
	var mu sync.Mutex
	par.BandsWork(g.SizeZ*g.SizeT, g.SizeY, rowBytes, func(i, y0, y1 int) {
		defer func() {
			if r := recover(); r != nil {
				mu.Lock()
				panicked = r
				mu.Unlock()
			}
		}()
		z, t := i%g.SizeZ, i/g.SizeZ
		r, gr, b := sp[g.PlaneIndex(z, 0, t)], sp[g.PlaneIndex(z, 1, t)], sp[g.PlaneIndex(z, 2, t)]
		var buf [3][block]float64
		for y := y0; y < y1; y++ {
			rr, gg, bb := r.Row(y), gr.Row(y), b.Row(y)
			if greyLut != nil {
				greyRowLut(dp[g.PlaneIndex(z, 0, t)].Row(y), rr, gg, bb, greyLut, off)
				continue
			}
			if c.name == toGrey.name {
				greyRow(dp[g.PlaneIndex(z, 0, t)].Row(y), rr, gg, bb, k, signed, isFloat)
				continue
			}
			o0, o1, o2 := dp[g.PlaneIndex(z, 0, t)].Row(y), dp[g.PlaneIndex(z, 1, t)].Row(y), dp[g.PlaneIndex(z, 2, t)].Row(y)
			// A block's inputs are all read before its outputs are
			// written: dst may be src.
			for x0 := 0; x0 < len(o0); x0 += block {
				x1 := min(x0+block, len(o0))
				n := x1 - x0
				load(buf[0][:n], rr[x0:x1])
				load(buf[1][:n], gg[x0:x1])
				load(buf[2][:n], bb[x0:x1])
				row(o0[x0:x1], o1[x0:x1], o2[x0:x1], buf[0][:n], buf[1][:n], buf[2][:n])
			}
		}
	})
	if panicked != nil {
		return fmt.Errorf("%s: internal error: %v", c.name, panicked)
	}
	return nil
}

// scaled is skimage's img_as_float of one value (see scale).
func scaled[S gips.Pixel](v S, k float64, signed, isFloat bool) float64 {
	if isFloat {
		return float64(v)
	}
	f := float64(v) * k
	if signed && f < -1 {
		f = -1
	}
	return f
}

// rowKernel is the row kernel of the three-channel conversion named name.
func rowKernel[D float32 | float64](name string) func(o0, o1, o2 []D, a, b, c []float64) {
	switch name {
	case toHsv.name:
		return hsvRow[D]
	case fromHsv.name:
		return rgbFromHsvRow[D]
	case toLab.name:
		return labRow[D]
	case fromLab.name:
		return rgbFromLabRow[D]
	case toYCbCr.name:
		return ycbcrRow[D]
	}
	return nil
}

// greyRow is rgbToGrey on one row without a call per pixel: the scaling
// decided once per row, the formula grey's.
func greyRow[S gips.Pixel, D float32 | float64](o []D, rr, gg, bb []S, k float64, signed, isFloat bool) {
	rr, gg, bb = rr[:len(o)], gg[:len(o)], bb[:len(o)]
	switch {
	case isFloat:
		for x := range o {
			o[x] = D(float64(rr[x])*wr + float64(gg[x])*wg + float64(bb[x])*wb)
		}
	case signed:
		for x := range o {
			r, g, b := max(float64(rr[x])*k, -1), max(float64(gg[x])*k, -1), max(float64(bb[x])*k, -1)
			o[x] = D(r*wr + g*wg + b*wb)
		}
	default:
		for x := range o {
			o[x] = D(float64(rr[x])*k*wr + float64(gg[x])*k*wg + float64(bb[x])*k*wb)
		}
	}
}

// greyRowLut is greyRow for 8- and 16-bit inputs: the three terms looked
// up (lut[c][v-off] is channel c's scaled value times its weight, the
// products greyRow forms) and summed in greyRow's order, so the numbers
// are greyRow's.
func greyRowLut[S gips.Pixel, D float32 | float64](o []D, rr, gg, bb []S, lut *[3][]float64, off int) {
	rr, gg, bb = rr[:len(o)], gg[:len(o)], bb[:len(o)]
	lr, lg, lb := lut[0], lut[1], lut[2]
	for x := range o {
		o[x] = D(lr[int(rr[x])-off] + lg[int(gg[x])-off] + lb[int(bb[x])-off])
	}
}
