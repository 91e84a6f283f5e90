package distance

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// Option sets the sampling or the output type.
type Option func(*config)

type config struct {
	sampling []float64 // x, y, z; nil: the image's calibration
	output   gips.BufferType
}

// WithSampling sets the size of a pixel along x, y and (for a volume) z,
// x first; one value is used along every axis. The default is the image's
// calibration. Every value used must be positive and finite.
func WithSampling(s ...float64) Option {
	return func(c *config) { c.sampling = append([]float64(nil), s...) }
}

// WithOutput sets the buffer type of an allocated output: Real32 (the
// default) or Real64.
func WithOutput(t gips.BufferType) Option { return func(c *config) { c.output = t } }

func collect(opts []Option) config {
	c := config{output: gips.Real32}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// EDT is the exact Euclidean distance transform,
// scipy.ndimage.distance_transform_edt(image != 0, sampling): each nonzero
// pixel's distance to the nearest zero pixel (0 on zero pixels), with
// pixels of the sampling's sizes; outside the image is not background.
// Volumes are transformed in 3D; channels and time points separately. An
// image (or channel) with no zero pixel is +Inf everywhere (scipy's answer
// there is a known bug). Float images: NaN is nonzero, -0 is zero.
//
// The algorithm is Felzenszwalb and Huttenlocher's: a scan along y, then
// the lower envelope of parabolas along x and z (searched by brute force
// near each voxel, with the envelope itself where the distances are long;
// see the package doc), each pass in parallel over lines, squared
// distances held in float64 (8 bytes per voxel of one volume beyond the
// output; a 2D image with square pixels: exact integers, 2 bytes a pixel,
// see the package doc). Real64
// output agrees with scipy to within a few float64 roundings; Real32 is
// the float64 result rounded once.
func EDT(img *gips.Image, opts ...Option) (*gips.Image, error) {
	out, err := newOutput("edt", img, collect(opts))
	if err != nil {
		return nil, err
	}
	return out, EDTInto(out, img, opts...)
}

// EDTInto is EDT into dst, a Real32 or Real64 image of src's sizes (its
// type decides; WithOutput is not used). dst may be src.
func EDTInto(dst, src *gips.Image, opts ...Option) error {
	return transform("edt", dst, src, collect(opts), false)
}

// SignedEDT is EDT(image) minus EDT of its complement: inside (nonzero) the
// distance to the nearest zero pixel, positive; outside, minus the
// distance to the nearest nonzero pixel. An image with no zero pixel is
// +Inf everywhere, one with no nonzero pixel -Inf.
func SignedEDT(img *gips.Image, opts ...Option) (*gips.Image, error) {
	out, err := newOutput("signedEdt", img, collect(opts))
	if err != nil {
		return nil, err
	}
	return out, SignedEDTInto(out, img, opts...)
}

// SignedEDTInto is SignedEDT into dst (see EDTInto).
func SignedEDTInto(dst, src *gips.Image, opts ...Option) error {
	return transform("signedEdt", dst, src, collect(opts), true)
}

func newOutput(fn string, img *gips.Image, c config) (*gips.Image, error) {
	if c.output != gips.Real32 && c.output != gips.Real64 {
		return nil, fmt.Errorf("%s: output %v: want Real32 or Real64: %w", fn, c.output, gips.ErrBufferType)
	}
	out, err := gips.CreateImage(img.Geometry().WithType(c.output))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	out.SetCalibration(img.Calibration())
	return out, nil
}

// sampling resolves the sampling for img: 1 value or one per axis, each
// positive and finite.
func sampling(fn string, img *gips.Image, s []float64) ([3]float64, error) {
	g := img.Geometry()
	nd := 2
	if g.Volume {
		nd = 3
	}
	var out [3]float64
	switch len(s) {
	case 0:
		c := img.Calibration()
		out = [3]float64{c.X, c.Y, c.Z}
	case 1:
		out = [3]float64{s[0], s[0], s[0]}
	case nd:
		copy(out[:], s)
	default:
		return out, fmt.Errorf("%s: parameter sampling: %d values for a %dD image: give 1 or %d: %w", fn, len(s), nd, nd, gips.ErrParam)
	}
	if !g.Volume {
		out[2] = 1
	}
	for k := range nd {
		if !(out[k] > 0) || math.IsInf(out[k], 0) {
			return out, fmt.Errorf("%s: parameter sampling: %v along %c: want a positive finite size: %w", fn, out[k], "xyz"[k], gips.ErrParam)
		}
	}
	return out, nil
}

func checkDst(fn string, dst, src *gips.Image, types ...gips.BufferType) error {
	sg, dg := src.Geometry(), dst.Geometry()
	if sg.SizeX != dg.SizeX || sg.SizeY != dg.SizeY || sg.SizeZ != dg.SizeZ || sg.SizeC != dg.SizeC || sg.SizeT != dg.SizeT || sg.Volume != dg.Volume {
		return fmt.Errorf("%s: source %v and destination %v differ in size: %w", fn, sg, dg, gips.ErrShape)
	}
	ok := false
	for _, t := range types {
		ok = ok || dg.Type == t
	}
	if !ok {
		return fmt.Errorf("%s: destination %v: want %v: %w", fn, dg.Type, types, gips.ErrBufferType)
	}
	return dst.CheckWritable()
}

func newVolume(fn string, src *gips.Image, c config, features bool) (*volume, error) {
	samp, err := sampling(fn, src, c.sampling)
	if err != nil {
		return nil, err
	}
	g := src.Geometry()
	n := g.SizeX * g.SizeY * g.SizeZ
	if n >= math.MaxInt32 {
		return nil, fmt.Errorf("%s: a volume of %d voxels: at most 2^31-1: %w", fn, n, gips.ErrGeometry)
	}
	v := &volume{sx: g.SizeX, sy: g.SizeY, sz: g.SizeZ}
	for k := range v.w {
		v.w[k] = samp[k] * samp[k]
	}
	if features {
		// From the pool, given back by the caller: the pass along x
		// (rowDistance) writes every voxel's feature before any is read.
		v.feat = scratch.Get[int32](&pool, n)
	}
	return v, nil
}

func transform(fn string, dst, src *gips.Image, c config, signed bool) error {
	if err := checkDst(fn, dst, src, gips.Real32, gips.Real64); err != nil {
		return err
	}
	v, err := newVolume(fn, src, c, false)
	if err != nil {
		return err
	}
	plane := !signed && v.planeOK()
	if !plane {
		v.f = getScratch(v.sx * v.sy * v.sz)
		defer putScratch(v.f)
	}
	var pos []float64
	if signed {
		pos = getScratch(len(v.f))
		defer putScratch(pos)
	}
	g := src.Geometry()
	var p32 []gips.Plane[float32]
	var p64 []gips.Plane[float64]
	if dst.Type() == gips.Real32 {
		p32, err = gips.WritablePlanes[float32](dst)
	} else {
		p64, err = gips.WritablePlanes[float64](dst)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", fn, err)
	}
	for vol := 0; vol < g.SizeC*g.SizeT; vol++ {
		plane0 := vol * g.SizeZ
		if !signed {
			// The last pass writes the square roots into dst.
			v.out = func(z, y int) ([]float32, []float64) {
				if p32 != nil {
					return p32[plane0+z].Row(y), nil
				}
				return nil, p64[plane0+z].Row(y)
			}
		}
		if plane {
			err := gips.Dispatch(src.Type(), gips.AllKernels(plane2D[uint8], plane2D[int8], plane2D[uint16], plane2D[int16],
				plane2D[uint32], plane2D[int32], plane2D[float32], plane2D[float64]), plane2DArgs{v, src, plane0})
			if err != nil {
				return fmt.Errorf("%s: %w", fn, err)
			}
			continue
		}
		if err := v.squared(src, plane0, false); err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
		if v.fused() {
			continue
		}
		if signed {
			copy(pos, v.f)
			if err := v.squared(src, plane0, true); err != nil {
				return fmt.Errorf("%s: %w", fn, err)
			}
		}
		a := storeArgs{v: v, pos: pos, dst: dst, plane0: plane0}
		var err error
		if dst.Type() == gips.Real32 {
			err = store[float32](a)
		} else {
			err = store[float64](a)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
	}
	return nil
}

type storeArgs struct {
	v      *volume
	pos    []float64 // signed: the squared distances inside; v.f those outside
	dst    *gips.Image
	plane0 int
}

// store writes the square roots of one volume into dst.
func store[T float32 | float64](a storeArgs) error {
	planes, err := gips.WritablePlanes[T](a.dst)
	if err != nil {
		return err
	}
	v := a.v
	return parallel(v.sy*v.sz, 16, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			row := planes[a.plane0+r/v.sy].Row(r % v.sy)
			f := v.f[r*v.sx : (r+1)*v.sx]
			if a.pos == nil {
				for x, d := range f {
					row[x] = T(math.Sqrt(d))
				}
				continue
			}
			p := a.pos[r*v.sx : (r+1)*v.sx]
			for x, d := range f {
				row[x] = T(math.Sqrt(p[x]) - math.Sqrt(d))
			}
		}
	})
}

// pool keeps the squared-distance buffers (and plane2D's columns) between
// calls: a new one's pages are faulted in on first touch, which costs more
// than the transform of a large image itself.
var pool scratch.Pool

func getScratch(n int) []float64 { return scratch.Get[float64](&pool, n) }

func putScratch(f []float64) { scratch.Put(&pool, f) }
