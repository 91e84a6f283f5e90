package morpho

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// ConnectivitySE is scipy's generate_binary_structure(ndim, c): the centre
// and its neighbours at connectivity c (gips.Connectivity; Full is ndim).
func ConnectivitySE(c gips.Connectivity, ndim int) SE {
	offs, err := c.Offsets(ndim)
	if err != nil {
		return SE{err: fmt.Errorf("footprint: %w", err)}
	}
	sz := 1
	if ndim == 3 {
		sz = 3
	}
	on := make([]bool, 9*sz)
	on[len(on)/2] = true
	for _, o := range offs {
		on[(o[2]+sz/2)*9+(o[1]+1)*3+o[0]+1] = true
	}
	return FromBools(on, 3, 3, sz)
}

// HMaxima is skimage.morphology.h_maxima(img, h, footprint=se): the
// maxima at least h high, as a Binary image: true where the image minus
// its reconstruction by dilation from img - h is at least h. With
// skimage's arithmetic: for an integer image and a whole h, img - h clips
// at the type's minimum; otherwise (float images, or a fractional h on an
// integer image, which is then read as float64) img - h - 2·resolution·|img|
// in the image's float precision. h larger than the image's range gives
// no maxima (skimage computes that range with np.ptp in the image's type,
// which overflows for a signed image whose range exceeds the type's
// maximum, and then finds none; gips uses the exact range); h <= 0 is an
// error. se as Reconstruct (Box(3, 3, 3) or
// Rect(3, 3), skimage's default, or ConnectivitySE). Each 2D plane or
// volume of every channel and time point alone.
func HMaxima(img *gips.Image, h float64, se SE) (*gips.Image, error) {
	return hExtremaNew("hMaxima", img, h, se, false)
}

// HMaximaInto is HMaxima into a Binary image of src's sizes.
func HMaximaInto(dst, src *gips.Image, h float64, se SE) error {
	return hExtremaInto("hMaxima", dst, src, h, se, false)
}

// HMinima is skimage.morphology.h_minima, HMaxima's dual: the minima at
// least h deep.
func HMinima(img *gips.Image, h float64, se SE) (*gips.Image, error) {
	return hExtremaNew("hMinima", img, h, se, true)
}

// HMinimaInto is HMinima into a Binary image of src's sizes.
func HMinimaInto(dst, src *gips.Image, h float64, se SE) error {
	return hExtremaInto("hMinima", dst, src, h, se, true)
}

func hExtremaNew(fn string, img *gips.Image, h float64, se SE, minima bool) (*gips.Image, error) {
	out, err := gips.CreateImage(img.Geometry().WithType(gips.Binary))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	out.SetCalibration(img.Calibration())
	return out, hExtremaInto(fn, out, img, h, se, minima)
}

func hExtremaInto(fn string, dst, src *gips.Image, h float64, se SE, minima bool) error {
	t := src.Type()
	if t == gips.Binary || t.IsLabel() {
		return fmt.Errorf("%s: image of type %v: want a numeric type: %w", fn, t, gips.ErrBufferType)
	}
	if !(h > 0) || math.IsInf(h, 1) {
		return fmt.Errorf("%s: h %v: want a finite value > 0: %w", fn, h, gips.ErrParam)
	}
	if err := checkReconFootprint(fn, se, src.Geometry()); err != nil {
		return err
	}
	if err := checkPair(fn, dst, src, gips.Binary); err != nil {
		return err
	}
	if t.IsFloat() || h == math.Trunc(h) {
		a := hArgs{dst, src, h, newReconPlan(nbhd.DimsOf(src.Geometry()), centreless(se)), minima}
		k := gips.AllKernels(hKernel[uint8], hKernel[int8], hKernel[uint16], hKernel[int16],
			hKernel[uint32], hKernel[int32], hKernel[float32], hKernel[float64])
		if err := gips.Dispatch(t, k, a); err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
		return nil
	}
	// An integer image and a fractional h: skimage's seed is a float64.
	lo, hi := t.Range()
	return floatVolumes(fn, dst, []*gips.Image{src}, func(res []float64, in [][]float64, d nbhd.Dims) error {
		img := in[0]
		vmin, vmax := math.Inf(1), math.Inf(-1)
		for _, v := range img {
			vmin, vmax = min(vmin, v), max(vmax, v)
		}
		clear(res)
		if h > vmax-vmin {
			return nil
		}
		shifted := make([]float64, len(img))
		for i, v := range img {
			shifted[i] = shift(v, h, t, lo, hi, minima)
		}
		reconstructVolume(shifted, append([]float64(nil), img...), newReconPlan(d, centreless(se)), minima)
		for i, v := range img {
			r := v - shifted[i]
			if minima {
				r = -r
			}
			if r >= h {
				res[i] = 1
			}
		}
		return nil
	})
}

type hArgs struct {
	dst, src *gips.Image
	h        float64
	plan     *reconPlan
	minima   bool
}

// hKernel is h-extrema in the image's own type: skimage's seed (shift)
// is a value of the type for a float image, and for an integer image and
// a whole h (v ∓ h clipped to the type); the reconstruction compares
// values only, and v - seed is exact in float64. So this is the float64
// path's answer with a fraction of its memory and none of its
// conversions.
func hKernel[T gips.Pixel](a hArgs) error {
	in, err := gips.Planes[T](a.src)
	if err != nil {
		return err
	}
	out, err := gips.WritablePlanes[uint8](a.dst)
	if err != nil {
		return err
	}
	g := a.src.Geometry()
	p := a.plan
	// img is also the reconstruction's mask: reconstructRows only writes
	// its padding (and flips it and back, for minima).
	img, seed := getBuf[T](p.len()), getBuf[T](p.len())
	defer putBuf(img)
	defer putBuf(seed)
	lo, hi := g.Type.Range()
	for v := range nbhd.Volumes(g) {
		reconLoad(p, img, in, g, v) // the padding is never read as pixels
		vmin, vmax := math.Inf(1), math.Inf(-1)
		for z := range p.d.NZ {
			for y := range p.d.NY {
				for _, x := range img[p.start(y, z):][:p.d.NX] {
					vmin, vmax = min(vmin, float64(x)), max(vmax, float64(x))
				}
			}
		}
		// else no extremum is h high (deep); a NaN range as the float64 path
		found := !(a.h > vmax-vmin)
		if found {
			for i, x := range img {
				seed[i] = T(shift(float64(x), a.h, g.Type, lo, hi, a.minima))
			}
			reconstructRows(seed, img, p, a.minima)
		}
		for z := range p.d.NZ {
			for y := range p.d.NY {
				o := p.start(y, z)
				row := out[v*g.SizeZ+z].Row(y)
				clear(row)
				if !found {
					continue
				}
				for x, w := range img[o : o+p.d.NX] {
					d := float64(w) - float64(seed[o+x])
					if a.minima {
						d = -d
					}
					if d >= a.h {
						row[x] = 1
					}
				}
			}
		}
	}
	return nil
}

// shift is skimage's seed value for pixel v: v ∓ h clipped to the type
// for integers and a whole h, v ∓ h ∓ 2·resolution·|v| otherwise, in
// float32 for Real32 images.
func shift(v, h float64, t gips.BufferType, lo, hi float64, minima bool) float64 {
	if !t.IsFloat() && h == math.Trunc(h) {
		if minima {
			return min(v+h, hi)
		}
		return max(v-h, lo)
	}
	if t == gips.Real32 {
		f, hh := float32(v), float32(h)
		res := float32(2*1e-6) * float32(math.Abs(v))
		if minima {
			return float64((f + hh) + res)
		}
		return float64((f - hh) - res)
	}
	res := 2 * 1e-15 * math.Abs(v)
	if minima {
		return (v + h) + res
	}
	return (v - h) - res
}

// RegionalMaxima is skimage.morphology.local_maxima(img, connectivity=c)
// (allow_borders=True): the plateaus (pixels of equal value connected at
// connectivity c) with no neighbour of a higher value, as a Binary image.
// As in skimage, which pads the image with its minimum, a plateau at the
// image's minimum is never a maximum (a constant image has none). Each 2D
// plane or volume of every channel and time point alone.
func RegionalMaxima(img *gips.Image, c gips.Connectivity) (*gips.Image, error) {
	return regionalNew("regionalMaxima", img, c, false)
}

// RegionalMaximaInto is RegionalMaxima into a Binary image of src's sizes.
func RegionalMaximaInto(dst, src *gips.Image, c gips.Connectivity) error {
	return regionalInto("regionalMaxima", dst, src, c, false)
}

// RegionalMinima is skimage.morphology.local_minima, RegionalMaxima's
// dual: plateaus with no lower neighbour, not at the image's maximum.
func RegionalMinima(img *gips.Image, c gips.Connectivity) (*gips.Image, error) {
	return regionalNew("regionalMinima", img, c, true)
}

// RegionalMinimaInto is RegionalMinima into a Binary image of src's sizes.
func RegionalMinimaInto(dst, src *gips.Image, c gips.Connectivity) error {
	return regionalInto("regionalMinima", dst, src, c, true)
}

func regionalNew(fn string, img *gips.Image, c gips.Connectivity, minima bool) (*gips.Image, error) {
	out, err := gips.CreateImage(img.Geometry().WithType(gips.Binary))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	out.SetCalibration(img.Calibration())
	return out, regionalInto(fn, out, img, c, minima)
}

func regionalInto(fn string, dst, src *gips.Image, c gips.Connectivity, minima bool) error {
	t := src.Type()
	if t == gips.Binary || t.IsLabel() {
		return fmt.Errorf("%s: image of type %v: want a numeric type: %w", fn, t, gips.ErrBufferType)
	}
	offs, err := c.Offsets(ndim(src.Geometry()))
	if err != nil {
		return fmt.Errorf("%s: parameter connectivity: %w", fn, err)
	}
	if err := checkPair(fn, dst, src, gips.Binary); err != nil {
		return err
	}
	a := regionalArgs{dst, src, offs, minima}
	err = gips.Dispatch(t, gips.AllKernels(regionalKernel[uint8], regionalKernel[int8], regionalKernel[uint16], regionalKernel[int16],
		regionalKernel[uint32], regionalKernel[int32], regionalKernel[float32], regionalKernel[float64]), a)
	if err != nil {
		return fmt.Errorf("%s: %w", fn, err)
	}
	return nil
}

// regionalFloat is the regional extrema of volume v by the float64 flood
// below, for a float volume with NaNs (regional.go).
func regionalFloat[T gips.Pixel](a regionalArgs, in []gips.Plane[T], out []gips.Plane[uint8], g gips.Geometry, v int) error {
	d := nbhd.DimsOf(g)
	vol := make([]T, d.Len())
	nbhd.Gather(vol, in, g, v)
	img := make([]float64, len(vol))
	for i, x := range vol {
		img[i] = float64(x)
	}
	if a.minima {
		neg(img)
	}
	res := make([]float64, len(img))
	regionalMaxima(res, img, newGraph(d, a.offs))
	b := make([]uint8, len(res))
	for i, x := range res {
		b[i] = uint8(x)
	}
	nbhd.Scatter(out, g, v, b)
	return nil
}

// regionalMaxima floods each plateau once, noting whether a neighbour is
// higher, and marks the plateaus that have none.
func regionalMaxima(res, img []float64, g graph) {
	vmin := math.Inf(1)
	for _, v := range img {
		vmin = min(vmin, v)
	}
	const (
		unseen = iota
		seen
	)
	state := make([]uint8, len(img))
	clear(res)
	var plateau []int
	for p0, v := range img {
		if state[p0] != unseen {
			continue
		}
		plateau = append(plateau[:0], p0)
		state[p0] = seen
		isMax := v != vmin
		for k := 0; k < len(plateau); k++ {
			g.next(plateau[k], 1, func(q int) {
				switch w := img[q]; {
				case w == v && state[q] == unseen:
					state[q] = seen
					plateau = append(plateau, q)
				case w > v:
					isMax = false
				}
			})
		}
		if isMax {
			for _, p := range plateau {
				res[p] = 1
			}
		}
	}
}
