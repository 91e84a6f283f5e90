package color

import (
	"fmt"
	"math"
	"sync"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// conversion is one colour conversion: three channels in, one or three out.
type conversion struct {
	name  string
	one   func(r, g, b float64) float64
	three func(a, b, c float64) (float64, float64, float64)
	out   gips.ColorModel // of a three-channel result
	units units           // how an integer output encodes the float result
	// perByte is the conversion's time per byte read and written in units
	// of a pointwise op's (0 is 1), for par's worker count, which counts
	// bytes: Lab's roots take 3-6.5 ns a pixel at one thread (2048²,
	// every type) where grey, YCbCr and HSV take under 1, and a 256²
	// float32 rgbToLab, 1.5 MiB, ran 420 us on one worker.
	perByte int
	// memBound: its kernels run at the speed of memory on a large image,
	// whose output run therefore streams (stream.go). rgbToHsv's
	// divisions and Lab's roots and powers take longer than their bytes:
	// a 4096² uint8 rgbToHsv to float64 took 41 ms at one thread, 49
	// streamed.
	memBound bool
}

// units says how a conversion's float results become integers (see
// intScale).
type units int

const (
	unitRange units = iota // results in [0, 1]: times the type's maximum
	unit8bit               // results in 8-bit units (YCbCr): times max/255
	unitLab                // L in [0, 100], a, b: OpenCV's 8-bit Lab, UInt8 only
)

var (
	toGrey  = conversion{name: "rgbToGrey", one: grey, memBound: true}
	toHsv   = conversion{name: "rgbToHsv", three: hsv, out: gips.MultiChannel}
	fromHsv = conversion{name: "hsvToRgb", three: rgbFromHsv, out: gips.RGB, memBound: true}
	toLab   = conversion{name: "rgbToLab", three: lab, out: gips.MultiChannel, units: unitLab, perByte: 16}
	fromLab = conversion{name: "labToRgb", three: rgbFromLab, out: gips.RGB, perByte: 16}
	toYCbCr = conversion{name: "rgbToYCbCr", three: ycbcr, out: gips.MultiChannel, units: unit8bit, memBound: true}
)

// FloatType is skimage's output type for an input of type t: Real32 for
// Real32, Real64 for every other type.
func FloatType(t gips.BufferType) gips.BufferType {
	if t == gips.Real32 {
		return gips.Real32
	}
	return gips.Real64
}

// intScale is how an integer output of type t encodes channel ch's float
// result v: Saturate(v·scale + off), rounded half away from zero and
// clamped to t's range. Results in [0, 1] are scaled by t's maximum (the
// inverse of img_as_float: uint8 1.0 -> 255); YCbCr's, in 8-bit units, by
// max/255 (kept as they are in uint8); Lab's as OpenCV's 8-bit Lab (L·255/100,
// a + 128, b + 128), in UInt8 only.
func (c conversion) intScale(t gips.BufferType, ch int) (scale, off float64) {
	_, hi := t.Range()
	switch c.units {
	case unit8bit:
		return hi / 255, 0
	case unitLab:
		if ch == 0 {
			return 255.0 / 100, 0
		}
		return 1, 128
	}
	return hi, 0
}

// geometry is the conversion's output geometry for input g, of type out
// (0: FloatType).
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
	if !numeric(out) {
		return g, fmt.Errorf("%s: output type %v: want a plain numeric type: %w", c.name, out, gips.ErrBufferType)
	}
	if c.units == unitLab && !out.IsFloat() && out != gips.UInt8 {
		return g, fmt.Errorf("%s: output type %v: want Real32, Real64 or UInt8 (OpenCV's 8-bit Lab): %w", c.name, out, gips.ErrBufferType)
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
func (c *conversion) apply(img *gips.Image, out gips.BufferType) (*gips.Image, error) {
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
// dst's type. dst may be src for a three-channel conversion (each block of
// pixels is read before it is written).
func (c *conversion) into(dst, src *gips.Image) error {
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
	a := &job{c: c, dst: dst, src: src}
	return gips.Dispatch(src.Type(), gips.AllKernels(runFrom[uint8], runFrom[int8], runFrom[uint16], runFrom[int16],
		runFrom[uint32], runFrom[int32], runFrom[float32], runFrom[float64]), a)
}

type job struct {
	c        *conversion
	dst, src *gips.Image
	// band is bands' state, in the job's allocation rather than its own.
	band bandRun
}

// scratch is a band's block buffers: the scaled inputs and the float64
// results of a block of pixels.
type scratch struct{ buf, res [3][block]float64 }

// scratches holds scratch buffers between calls. A buffer declared in a
// band's func value escapes to the heap: 12 KB allocated and cleared per
// call, and the collector's and the scavenger's work that follows (page
// faults, madvise): an 8x8 rgbToGrey from Python took 8.8 us with it, 3.7
// without (2026-12-01). Most rows of the SIMD paths need none of it.
var scratches = sync.Pool{New: func() any { return new(scratch) }}

// get is s, or a scratch from the pool when s is nil (a band's first
// block on the slow path); put returns it.
func get(s *scratch) *scratch {
	if s == nil {
		s = scratches.Get().(*scratch)
	}
	return s
}

func put(s *scratch) {
	if s != nil {
		scratches.Put(s)
	}
}

func runFrom[S gips.Pixel](j *job) error {
	switch j.dst.Type() {
	case gips.Real32:
		return run[S, float32](j)
	case gips.Real64:
		return run[S, float64](j)
	case gips.UInt8:
		return runInt[S, uint8](j)
	case gips.Int8:
		return runInt[S, int8](j)
	case gips.UInt16:
		return runInt[S, uint16](j)
	case gips.Int16:
		return runInt[S, int16](j)
	case gips.UInt32:
		return runInt[S, uint32](j)
	}
	return runInt[S, int32](j)
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

// loader scales (for rgbToLab, gamma-expands) input values of type S into
// float64s, and holds rgbToGrey's term tables.
type loader[S gips.Pixel] struct {
	k               float64
	signed, isFloat bool
	lab             bool
	lut             []float64     // the scaled value of every 8- and 16-bit input
	greyLut         *[3][]float64 // rgbToGrey: each channel's term for every 8- and 16-bit input
	off             int           // the type's minimum: lut index 0
}

// loaders holds the loader of each input type and table kind (rgbToGrey's
// terms, rgbToLab's gamma expansion, the scaled values): read-only once
// built, shared by every call. Building rgbToLab's uint8 table is 256
// powers (13 µs, a third of a 256² call's kernel time), its 16-bit ones
// 65536; all the 16-bit tables of both types together hold 5 MB.
var loaders sync.Map // loaderKey -> *loader[S]

type loaderKey struct {
	t         gips.BufferType
	grey, lab bool
}

// newLoader is the loader of type S for conversion c, built once.
func newLoader[S gips.Pixel](c *conversion) *loader[S] {
	key := loaderKey{gips.TypeOf[S](), c.name == toGrey.name, c.name == toLab.name}
	if l, ok := loaders.Load(key); ok {
		return l.(*loader[S])
	}
	l, _ := loaders.LoadOrStore(key, buildLoader[S](c))
	return l.(*loader[S])
}

func buildLoader[S gips.Pixel](c *conversion) *loader[S] {
	l := &loader[S]{lab: c.name == toLab.name}
	l.k, l.signed, l.isFloat = scale[S]()
	t := gips.TypeOf[S]()
	if t.IsFloat() || t.ItemSize() > 2 {
		return l
	}
	lo, hi := t.Range()
	l.off = int(lo)
	n := int(hi-lo) + 1
	if c.name == toGrey.name {
		// Each channel's term (scaled value times its weight, the
		// products greyRow computes) for every value.
		l.greyLut = &[3][]float64{}
		for ch, w := range [3]float64{wr, wg, wb} {
			t := make([]float64, n)
			for i := range t {
				t[i] = scaled(S(i+l.off), l.k, l.signed, l.isFloat) * w
			}
			l.greyLut[ch] = t
		}
		return l
	}
	// The scaled value of every 8- and 16-bit input (for rgbToLab its gamma
	// expansion): the same numbers as computing them, looked up.
	l.lut = make([]float64, n)
	for i := range l.lut {
		l.lut[i] = scaled(S(i+l.off), l.k, l.signed, l.isFloat)
		if l.lab {
			l.lut[i] = linear(l.lut[i])
		}
	}
	return l
}

// load sets dst to the scaled inputs src[:len(dst)].
func (l *loader[S]) load(dst []float64, src []S) {
	src = src[:len(dst)]
	switch {
	case l.lut != nil:
		lut, off := l.lut, l.off
		i0 := 0
		if u8, ok := any(src).([]uint8); ok {
			if !l.lab {
				i0 = scaleU8SIMD(dst, u8, l.k)
			} else {
				// A byte indexes the 256 entries without a bounds
				// check or the offset (rgbToLab's gamma: a fifth
				// of its time at 2048²).
				lutU8(dst, u8, (*[256]float64)(lut))
				return
			}
		}
		for i := i0; i < len(src); i++ {
			dst[i] = lut[int(src[i])-off]
		}
	case l.isFloat && !l.lab:
		for i, v := range src {
			dst[i] = float64(v)
		}
	case l.isFloat:
		// rgbToLab of floats: the gamma expansion with pow24, not
		// math.Pow (a float32 4096² image spent 3.4 s of CPU in it).
		for i, v := range src {
			dst[i] = float64(v)
		}
		linearRun(dst)
	default:
		for i, v := range src {
			dst[i] = scaled(v, l.k, l.signed, l.isFloat)
			if l.lab {
				dst[i] = linear(dst[i])
			}
		}
	}
}

// lutU8 sets dst[i] = lut[src[i]] (src as long as dst), eight values a
// step without bounds checks: the loop of one value a step, eight
// instructions per value, was a quarter of rgbToLab's CPU from uint8.
func lutU8(dst []float64, src []uint8, lut *[256]float64) {
	src = src[:len(dst)]
	n := len(dst) &^ 7
	for i := 0; i < n; i += 8 {
		d, s := (*[8]float64)(dst[i:i+8]), (*[8]uint8)(src[i:i+8])
		d[0], d[1], d[2], d[3] = lut[s[0]], lut[s[1]], lut[s[2]], lut[s[3]]
		d[4], d[5], d[6], d[7] = lut[s[4]], lut[s[5]], lut[s[6]], lut[s[7]]
	}
	for i := n; i < len(dst); i++ {
		dst[i] = lut[src[i]]
	}
}

// greyInto sets o to rgbToGrey of rr, gg, bb (o's length).
func greyInto[S gips.Pixel, D float32 | float64](l *loader[S], o []D, rr, gg, bb []S) {
	if l.greyLut != nil {
		x0 := 0
		if o64, ok := any(o).([]float64); ok {
			if r8, ok := any(rr).([]uint8); ok {
				x0 = greyU8F64SIMD(o64, r8, any(gg).([]uint8), any(bb).([]uint8), l.k)
			}
		}
		greyRowLut(o[x0:], rr[x0:], gg[x0:], bb[x0:], l.greyLut, l.off)
	} else {
		greyRow(o, rr, gg, bb, l.k, l.signed, l.isFloat)
	}
}

// bands runs fn over bands of rows [y0, y1) of every (z, t) plane in
// parallel, as many workers as the rows' bytes weighted by perByte ask
// for; a worker's panic comes back as an error.
func bands(j *job, nOut int, fn func(z, t, y0, y1 int)) error {
	g := j.src.Geometry()
	rowWork := g.SizeX * max(minPixelWork, (3*g.Type.ItemSize()+nOut*j.dst.Type().ItemSize())*max(1, j.c.perByte))
	b := &j.band
	b.sizeZ, b.fn, b.panicked = g.SizeZ, fn, nil
	par.BandsWork(g.SizeZ*g.SizeT, g.SizeY, rowWork, b.band)
	if b.panicked != nil {
		return fmt.Errorf("%s: internal error: %v", j.c.name, b.panicked)
	}
	return nil
}

// minPixelWork is the least work of a pixel, in par's bytes, of any
// conversion: every one takes more time a pixel than its bytes alone say
// (0.12-0.5 ns at one thread where a pointwise op of the same bytes takes
// 0.05-0.2), so from 65536 pixels (a 256² image, 2 MiB of work) a
// conversion takes a second worker. A 256² float32 rgbToGrey from Python
// took 1.15-1.3x OpenCV's time on one worker, 0.9-1.1x on two (four runs
// each, alternated, idle machine, 2026-12-01); the other conversions
// take 20-35 us a call there on one.
const minPixelWork = 32

// bandRun is a bands call's state in one object: the closure it replaced
// put the geometry, the mutex and the panic value on the heap apart.
type bandRun struct {
	sizeZ    int
	fn       func(z, t, y0, y1 int)
	mu       sync.Mutex
	panicked any
}

// band is fn over band i's rows [y0, y1), a panic kept for bands.
func (b *bandRun) band(i, y0, y1 int) {
	defer func() {
		if r := recover(); r != nil {
			b.mu.Lock()
			b.panicked = r
			b.mu.Unlock()
		}
	}()
	b.fn(i%b.sizeZ, i/b.sizeZ, y0, y1)
}

func nOut(c *conversion) int {
	if c.one != nil {
		return 1
	}
	return 3
}

// planeLists holds start's plane lists of a 2D call: three planes in,
// one or three out (a longer list, a volume's, grows out of it).
type planeLists[S, D gips.Pixel] struct {
	s [3]gips.Plane[S]
	d [3]gips.Plane[D]
}

// start is run's and runInt's common prologue: src's planes, dst's
// writable planes (of type D), the loader, and the row kernel with float64
// out where there is one (nil for rgbToGrey): the AVX2 one where it has
// the Go loop's numbers (rgbToHsv's for scaled integers only, which hold no
// NaN and no -0: see hsvSIMD).
func start[S, D gips.Pixel](j *job) (sp []gips.Plane[S], dp []gips.Plane[D], l *loader[S], row func(o0, o1, o2 []float64, a, b, c []float64), err error) {
	// Both lists in one allocation: for a small image the two lists were
	// a quarter of a call's allocations.
	lists := new(planeLists[S, D])
	if sp, err = gips.AppendPlanes(lists.s[:0], j.src); err != nil {
		return
	}
	// dst is writable: into, which made the job, checked.
	if dp, err = gips.AppendPlanes(lists.d[:0], j.dst); err != nil {
		return
	}
	l = newLoader[S](j.c)
	row = rowKernel[float64](j.c.name)
	if f := intRowKernel(j.c.name); f != nil && (!l.isFloat || j.c.name != toHsv.name) {
		// rgbToLab's and rgbToYCbCr's loops only add, multiply and
		// compare: on float inputs they differ from the Go loops at
		// most in a NaN's payload. rgbToHsv's max and min differ on
		// NaN and -0.
		row = f
	}
	return
}

func run[S gips.Pixel, D float32 | float64](j *job) error {
	sp, dp, l, row64, err := start[S, D](j)
	if err != nil {
		return err
	}
	g := j.src.Geometry()
	c := j.c
	row := rowKernel[D](c.name)
	if f, ok := any(row64).(func(o0, o1, o2 []D, a, b, c []float64)); ok {
		row = f // D is float64
	}
	fast := f32Kernel[S, D](c.name, imageBytes(j.src)+imageBytes(j.dst) >= avx2Min)
	if fast == nil {
		fast = u8F64Kernel[S, D](c.name, l.k)
	}
	// Real32 out: the float64 AVX2 row kernel where there is one, then
	// each value rounded to float32 (the Go row kernel's D(v), the same
	// numbers), rather than the Go row kernel.
	var wide func(o0, o1, o2 []float64, a, b, c []float64)
	if _, is32 := any(row).(func(o0, o1, o2 []float32, a, b, c []float64)); is32 && haveAVX2 && intRowKernel(c.name) != nil &&
		(!l.isFloat || c.name != toHsv.name) {
		wide = row64
	}
	// Float64 in and out, nothing to scale or expand: the row kernel reads
	// the input rows themselves (with D float64 none writes its inputs,
	// and each reads a pixel before it writes it: dst may be src).
	flat := contiguous(sp) && contiguous(dp)
	_, in64 := any(sp).([]gips.Plane[float64])
	_, out64 := any(dp).([]gips.Plane[float64])
	direct := in64 && out64 && !l.lab
	stream := c.memBound && streams(j.dst)
	return bands(j, nOut(c), func(z, t, y0, y1 int) {
		var s *scratch
		defer func() { put(s) }()
		// conv converts a run of pixels (o1 and o2 nil for rgbToGrey).
		conv := func(o0, o1, o2 []D, rr, gg, bb []S) {
			if c.one != nil {
				x0 := 0
				if fast != nil {
					x0 = fast(o0, nil, nil, rr, gg, bb)
				}
				greyInto(l, o0[x0:], rr[x0:], gg[x0:], bb[x0:])
				return
			}
			x0 := 0
			if fast != nil {
				x0 = fast(o0, o1, o2, rr, gg, bb)
			}
			if direct {
				row(o0, o1, o2, any(rr).([]float64), any(gg).([]float64), any(bb).([]float64))
				return
			}
			// A block's inputs are all read before its outputs are
			// written: dst may be src.
			for ; x0 < len(o0); x0 += block {
				x1 := min(x0+block, len(o0))
				n := x1 - x0
				s = get(s)
				buf, res := &s.buf, &s.res
				l.load(buf[0][:n], rr[x0:x1])
				l.load(buf[1][:n], gg[x0:x1])
				l.load(buf[2][:n], bb[x0:x1])
				if wide == nil {
					row(o0[x0:x1], o1[x0:x1], o2[x0:x1], buf[0][:n], buf[1][:n], buf[2][:n])
					continue
				}
				wide(res[0][:n], res[1][:n], res[2][:n], buf[0][:n], buf[1][:n], buf[2][:n])
				narrow(o0[x0:x1], res[0][:n])
				narrow(o1[x0:x1], res[1][:n])
				narrow(o2[x0:x1], res[2][:n])
			}
		}
		rows := runRows(flat, y0, y1)
		for y := y0; y < y1; y += rows {
			rr, gg, bb := rowsOf(sp[g.PlaneIndex(z, 0, t)], y, rows), rowsOf(sp[g.PlaneIndex(z, 1, t)], y, rows), rowsOf(sp[g.PlaneIndex(z, 2, t)], y, rows)
			o0 := rowsOf(dp[g.PlaneIndex(z, 0, t)], y, rows)
			var o1, o2 []D
			if c.one == nil {
				o1, o2 = rowsOf(dp[g.PlaneIndex(z, 1, t)], y, rows), rowsOf(dp[g.PlaneIndex(z, 2, t)], y, rows)
			}
			if stream {
				streamed(o0, o1, o2, rr, gg, bb, conv)
			} else {
				conv(o0, o1, o2, rr, gg, bb)
			}
		}
	})
}

// contiguous reports whether each plane's rows follow one another in
// memory (numpy's C order: the stride is the width). The conversions are
// pointwise, so where every plane's are, run and runInt give the kernels a
// band's rows as one run (runRows): a 256² image in rows was 256 calls of
// each kernel, each loading its constants and taking its tail pixels on
// the slow path.
func contiguous[T gips.Pixel](ps []gips.Plane[T]) bool {
	for _, p := range ps {
		if p.Stride != p.Width {
			return false
		}
	}
	return true
}

// runRows is the rows of band [y0, y1) that the kernels take in one run:
// all of them where every plane is contiguous (flat), else one.
func runRows(flat bool, y0, y1 int) int {
	if flat {
		return y1 - y0
	}
	return 1
}

// rowsOf is rows [y, y+n) of p as one slice; n > 1 only where p's rows are
// contiguous.
func rowsOf[T gips.Pixel](p gips.Plane[T], y, n int) []T {
	if n == 1 {
		return p.Row(y)
	}
	o := y * p.Width
	return p.Pix[o : o+n*p.Width : o+n*p.Width]
}

// narrow sets o[i] = D(v[i]).
func narrow[D float32 | float64](o []D, v []float64) {
	v = v[:len(o)]
	for i := range o {
		o[i] = D(v[i])
	}
}

// f32Kernel is the whole row of conversion name for float32 in and out,
// computed in float32 as skimage computes a float32 image (rows32.go,
// rows.go's hsvRow32 and rgbFromHsvRow32, lab32.go), nil for other types.
// rgbToGrey's takes o0 only.
// On a large image (large: avx2Min bytes in and out or more) rgbToYCbCr
// takes its AVX2 loop (ycbcrF32AVX2).
func f32Kernel[S, D gips.Pixel](name string, large bool) func(o0, o1, o2 []D, a, b, c []S) int {
	k := f32Rows[name]
	if name == toYCbCr.name && large {
		k = ycbcrLarge
	}
	kk, _ := any(k).(func(o0, o1, o2 []D, a, b, c []S) int)
	return kk
}

// avx2Min is the bytes (input and output) of an image from which f32Kernel
// gives the large image's kernel (a variable: the tests lower it).
var avx2Min = 4 << 20

// ycbcrLarge is rgbToYCbCr's row on a large image.
var ycbcrLarge = whole(ycbcrF32AVX2, ycbcrRow32)

// imageBytes is the bytes of img's pixels.
func imageBytes(img *gips.Image) int {
	g := img.Geometry()
	return g.Pixels() * g.Type.ItemSize()
}

// f32Rows is f32Kernel's rows: each its SIMD loop where there is one
// (rgbToLab's and labToRgb's run inside their rows), its Go twin for the
// rest. Built once: closures made per call were three of a small call's
// eleven allocations.
var f32Rows = map[string]func(o0, o1, o2, a, b, c []float32) int{
	toGrey.name: whole(func(o, _, _, r, g, b []float32) int { return greyF32SIMD(o, r, g, b) },
		func(o, _, _, r, g, b []float32) { greyRow32(o, r, g, b) }),
	toYCbCr.name: whole(ycbcrF32SIMD, ycbcrRow32),
	toHsv.name:   whole(hsvF32SIMD, hsvRow32),
	fromHsv.name: whole(rgbFromHsvF32SIMD, rgbFromHsvRow32),
	toLab.name:   whole(nil, labRow32),
	fromLab.name: whole(nil, rgbFromLabRow32),
}

// whole is simd's pixels then row's for the rest (simd may be nil). On a
// long run, row first takes the few pixels before a cache line boundary
// (alignHead), so that simd's 64-byte steps do not straddle two lines.
func whole(simd func(o0, o1, o2, a, b, c []float32) int, row func(o0, o1, o2, a, b, c []float32)) func(o0, o1, o2, a, b, c []float32) int {
	return func(o0, o1, o2, a, b, c []float32) int {
		x := 0
		if simd != nil {
			if x = alignHead(o0, o1, a); x > 0 {
				row(o0[:x], part(o1, x), part(o2, x), a[:x], b[:x], c[:x])
			}
			x += simd(o0[x:], sub(o1, x), sub(o2, x), a[x:], b[x:], c[x:])
		}
		if x < len(o0) {
			row(o0[x:], sub(o1, x), sub(o2, x), a[x:], b[x:], c[x:])
		}
		return len(o0)
	}
}

// sub is s[x:], nil for nil (rgbToGrey's unused outputs).
func sub(s []float32, x int) []float32 {
	if s == nil {
		return nil
	}
	return s[x:]
}

// part is s[:x], nil for nil.
func part(s []float32, x int) []float32 {
	if s == nil {
		return nil
	}
	return s[:x]
}

// alignMin is the shortest run whose head alignHead aligns: the head's
// (up to 15) pixels take the Go twin, several nanoseconds each.
const alignMin = 4096

// alignHead is the number of pixels, under 16, after which a run's
// streams start on a 64-byte boundary: the outputs' where there are
// three (o1 not nil), else the inputs'. numpy's arrays are 16-byte
// aligned, so three times in four an AVX-512 load or store of a
// 256² float32 image straddled two cache lines; aligning the inputs
// of rgbToGrey (three loads a store) and the outputs of the three-channel
// conversions (three stores) was the faster choice of each, 10-25% at
// 256² (BenchmarkConvertAlign). Streams not aligned alike with the
// chosen one stay as they are.
func alignHead(o0, o1, a []float32) int {
	s := a
	if o1 != nil {
		s = o0
	}
	if len(s) < alignMin {
		return 0
	}
	off := uintptr(unsafe.Pointer(unsafe.SliceData(s))) % 64
	if off%4 != 0 {
		return 0
	}
	return int((64-off)%64) / 4
}

// u8F64Kernel is the AVX-512 loop of conversion name for uint8 in and
// float64 out (u8f64_amd64.go: the bytes scaled in the vector, then the
// row kernel's operations), nil for other types or where there is none.
func u8F64Kernel[S, D gips.Pixel](name string, k float64) func(o0, o1, o2 []D, a, b, c []S) int {
	var f func(o0, o1, o2 []float64, r, g, b []uint8, k float64) int
	switch name {
	case toYCbCr.name:
		f = ycbcrU8F64AVX512
	case toHsv.name:
		f = hsvU8F64AVX512
	default:
		return nil
	}
	fk, _ := any(func(o0, o1, o2 []float64, r, g, b []uint8) int { return f(o0, o1, o2, r, g, b, k) }).(func(o0, o1, o2 []D, a, b, c []S) int)
	return fk
}

// runInt is run for an integer output: each block converted into float64
// scratch (the numbers of the Real64 output), then scaled, rounded half
// away from zero and saturated into T (intScale).
func runInt[S gips.Pixel, T gips.Pixel](j *job) error {
	sp, dp, l, row, err := start[S, T](j)
	if err != nil {
		return err
	}
	g := j.src.Geometry()
	c := j.c
	// uint8 to uint8: rgbToYCbCr's and rgbToLab's AVX2 loops run first
	// where there are some; rgbToHsv's integer loop (hsvU8) does the
	// whole row.
	var fast func(o0, o1, o2 []T, a, b, c []S) int
	if l.lut != nil {
		switch c.name {
		case toYCbCr.name:
			fast, _ = any(func(o0, o1, o2, a, b, c []uint8) int { return ycbcrU8SIMD(o0, o1, o2, a, b, c, l.lut) }).(func(o0, o1, o2 []T, a, b, c []S) int)
		case toLab.name:
			fast, _ = any(func(o0, o1, o2, a, b, c []uint8) int { return labU8SIMD(o0, o1, o2, a, b, c, l.lut) }).(func(o0, o1, o2 []T, a, b, c []S) int)
		case toHsv.name:
			fast, _ = any(hsvU8).(func(o0, o1, o2 []T, a, b, c []S) int)
		}
	}
	flat := contiguous(sp) && contiguous(dp)
	var sc, of [3]float64
	lo, hi := j.dst.Type().Range()
	for ch := range 3 {
		sc[ch], of[ch] = c.intScale(j.dst.Type(), ch)
	}
	return bands(j, nOut(c), func(z, t, y0, y1 int) {
		var s *scratch
		defer func() { put(s) }()
		rows := runRows(flat, y0, y1)
		for y := y0; y < y1; y += rows {
			rr, gg, bb := rowsOf(sp[g.PlaneIndex(z, 0, t)], y, rows), rowsOf(sp[g.PlaneIndex(z, 1, t)], y, rows), rowsOf(sp[g.PlaneIndex(z, 2, t)], y, rows)
			if c.one != nil && l.greyLut != nil {
				greyRowLutInt(rowsOf(dp[g.PlaneIndex(z, 0, t)], y, rows), rr, gg, bb, l.greyLut, l.off, sc[0], lo, hi)
				continue
			}
			if c.one != nil {
				o := rowsOf(dp[g.PlaneIndex(z, 0, t)], y, rows)
				for x0 := 0; x0 < len(o); x0 += block {
					x1 := min(x0+block, len(o))
					s = get(s)
					r := s.res[0][:x1-x0]
					greyInto(l, r, rr[x0:x1], gg[x0:x1], bb[x0:x1])
					quantize(o[x0:x1], r, sc[0], of[0], lo, hi)
				}
				continue
			}
			o0, o1, o2 := rowsOf(dp[g.PlaneIndex(z, 0, t)], y, rows), rowsOf(dp[g.PlaneIndex(z, 1, t)], y, rows), rowsOf(dp[g.PlaneIndex(z, 2, t)], y, rows)
			x0 := 0
			if fast != nil {
				x0 = fast(o0, o1, o2, rr, gg, bb)
			}
			for ; x0 < len(o0); x0 += block {
				x1 := min(x0+block, len(o0))
				n := x1 - x0
				s = get(s)
				buf, res := &s.buf, &s.res
				l.load(buf[0][:n], rr[x0:x1])
				l.load(buf[1][:n], gg[x0:x1])
				l.load(buf[2][:n], bb[x0:x1])
				row(res[0][:n], res[1][:n], res[2][:n], buf[0][:n], buf[1][:n], buf[2][:n])
				quantize(o0[x0:x1], res[0][:n], sc[0], of[0], lo, hi)
				quantize(o1[x0:x1], res[1][:n], sc[1], of[1], lo, hi)
				quantize(o2[x0:x1], res[2][:n], sc[2], of[2], lo, hi)
			}
		}
	})
}

// greyRowLutInt is greyRowLut then quantize (scale, no offset) in one
// loop: the same numbers without the float64 row in between. uint8 in and
// out (scale 255) runs greyU8SIMD's AVX2 loop first where there is one.
func greyRowLutInt[S, T gips.Pixel](o []T, rr, gg, bb []S, lut *[3][]float64, off int, scale, lo, hi float64) {
	const half = 0.49999999999999994 // see quantize
	rr, gg, bb = rr[:len(o)], gg[:len(o)], bb[:len(o)]
	lr, lg, lb := lut[0], lut[1], lut[2]
	if sLo, _ := gips.TypeOf[S]().Range(); sLo == 0 && lo == 0 {
		// Unsigned in and out: the sum is in [0, 1] (the weights add to
		// 1, the float sum to at most 1 + 2 ulps), y in [0, hi + 1/2):
		// no clamp, no sign.
		done := 0
		if o8, ok := any(o).([]uint8); ok && scale == 255 {
			if r8, ok := any(rr).([]uint8); ok {
				done = greyU8SIMD(o8, r8, any(gg).([]uint8), any(bb).([]uint8), lut)
			}
		}
		for x := done; x < len(o); x++ {
			y := (lr[int(rr[x])-off] + lg[int(gg[x])-off] + lb[int(bb[x])-off]) * scale
			o[x] = T(int64(y + half))
		}
		return
	}
	for x := range o {
		// Signed types: y is a number in [-hi, hi] (no NaN from a
		// table), clamped at lo for the unsigned outputs.
		y := max((lr[int(rr[x])-off]+lg[int(gg[x])-off]+lb[int(bb[x])-off])*scale, lo)
		o[x] = T(int64(y + math.Copysign(half, y)))
	}
}

// useGo turns the SIMD loops off (the twin tests compare both).
var useGo = false

// quantize sets o[i] = gips.Saturate[T](v[i]·scale + off): rounded half
// away from zero, clamped to T's range [lo, hi], NaN to 0, without an
// unpredictable branch per value (Saturate's type switch and range look-up
// per pixel, or a branch on the fraction, cost more than the conversion): clamped first,
// then truncated after adding 0.5's predecessor with y's sign, which
// rounds half away exactly for |y| < 2^52 (x.5 + 0.49999999999999994
// rounds up to x+1; 0.49999999999999994 + itself stays below 1).
// TestQuantizeIsSaturate compares it with Saturate.
func quantize[T gips.Pixel](o []T, v []float64, scale, off, lo, hi float64) {
	const half = 0.49999999999999994
	v = v[:len(o)]
	done := 0
	if o8, ok := any(o).([]uint8); ok && lo == 0 && hi == 255 {
		done = quantizeU8SIMD(o8, v, scale, off)
	}
	for i := done; i < len(v); i++ {
		x := v[i]
		// Clamped with comparisons, not min and max (whose NaN and
		// signed-zero rules cost more than the rest); NaN passes both.
		y := x*scale + off
		if y < lo {
			y = lo
		}
		if y > hi {
			y = hi
		}
		n := int64(y + math.Copysign(half, y))
		if y != y {
			n = 0
		}
		o[i] = T(n)
	}
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

// intRowKernel is the row kernel, float64 out, for scaled integer
// inputs where it has an AVX2 loop (nil where not): those inputs hold no
// NaN and no -0, on which vector and scalar code may differ.
func intRowKernel(name string) func(o0, o1, o2 []float64, a, b, c []float64) {
	switch name {
	case toHsv.name:
		return hsvRowInt
	case toYCbCr.name:
		return ycbcrRowInt
	case toLab.name:
		return labRowInt
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
