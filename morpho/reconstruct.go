package morpho

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// Method is the direction of a reconstruction.
type Method int

const (
	// ByDilation grows the seed under the mask (seed <= mask).
	ByDilation Method = iota
	// ByErosion shrinks the seed above the mask (seed >= mask).
	ByErosion
)

// Reconstruct is skimage.morphology.reconstruction(seed, mask, method,
// footprint=se): by dilation, the seed dilated by se again and again,
// each time capped by the mask, until it stops changing (the largest
// image below the mask that every pixel's value reaches from the seed
// along paths of se steps); by erosion the dual. se must have odd sizes
// (its centre is ignored); Box(3, 3, 3) or Rect(3, 3) is skimage's
// default. A seed above the mask (below it, by erosion) starts at the
// mask there: Reconstruct is skimage's reconstruction of min(seed, mask)
// (max for erosion), where skimage raises an error. Seed and mask have
// one numeric type and size; the output has
// it too (skimage returns float64 of the same values). 2D planes or
// volumes, channels and time points alone.
func Reconstruct(seed, mask *gips.Image, m Method, se SE) (*gips.Image, error) {
	out, err := gips.CreateImage(seed.Geometry())
	if err != nil {
		return nil, fmt.Errorf("reconstruct: %w", err)
	}
	out.SetCalibration(seed.Calibration())
	return out, ReconstructInto(out, seed, mask, m, se)
}

// ReconstructInto is Reconstruct into dst; dst may be seed or mask.
func ReconstructInto(dst, seed, mask *gips.Image, m Method, se SE) error {
	const fn = "reconstruct"
	if m != ByDilation && m != ByErosion {
		return fmt.Errorf("%s: method %d: %w", fn, m, gips.ErrParam)
	}
	if err := checkReconFootprint(fn, se, seed.Geometry()); err != nil {
		return err
	}
	if t := seed.Type(); t == gips.Binary || t.IsLabel() {
		return fmt.Errorf("%s: seed of type %v: want a numeric type: %w", fn, t, gips.ErrBufferType)
	}
	if err := checkPair(fn, dst, seed, seed.Type()); err != nil {
		return err
	}
	if err := checkPair(fn+": mask", dst, mask, seed.Type()); err != nil {
		return err
	}
	a := reconArgs{dst, seed, mask, newReconPlan(nbhd.DimsOf(seed.Geometry()), centreless(se)), m == ByErosion}
	err := gips.Dispatch(seed.Type(), gips.AllKernels(reconKernel[uint8], reconKernel[int8], reconKernel[uint16], reconKernel[int16],
		reconKernel[uint32], reconKernel[int32], reconKernel[float32], reconKernel[float64]), a)
	if err != nil {
		return fmt.Errorf("%s: %w", fn, err)
	}
	return nil
}

type reconArgs struct {
	dst, seed, mask *gips.Image
	plan            *reconPlan
	dual            bool
}

// reconKernel reconstructs each volume in the images' own type (max and
// min only: exact for every type), on copies, so that dst may be seed or
// mask.
func reconKernel[T gips.Pixel](a reconArgs) error {
	g := a.seed.Geometry()
	sp, err := gips.Planes[T](a.seed)
	if err != nil {
		return err
	}
	mp, err := gips.Planes[T](a.mask)
	if err != nil {
		return err
	}
	dp, err := gips.WritablePlanes[T](a.dst)
	if err != nil {
		return err
	}
	p := a.plan
	r, k := getBuf[T](p.len()), getBuf[T](p.len())
	defer putBuf(r)
	defer putBuf(k)
	for v := range nbhd.Volumes(g) {
		reconLoad(p, r, sp, g, v)
		reconLoad(p, k, mp, g, v)
		for i, m := range k { // a seed beyond the mask starts at the mask (the padding is rewritten)
			if a.dual {
				r[i] = max(r[i], m)
			} else {
				r[i] = min(r[i], m)
			}
		}
		reconstructRows(r, k, p, a.dual)
		reconStore(p, dp, g, v, r)
	}
	return nil
}

func checkReconFootprint(fn string, se SE, g gips.Geometry) error {
	if err := se.check(fn, ndim(g)); err != nil {
		return err
	}
	for _, n := range se.size {
		if n%2 == 0 {
			return fmt.Errorf("%s: footprint of size %v: want odd sizes (its centre is the middle): %w", fn, se.size, gips.ErrParam)
		}
	}
	return nil
}

// centreless is the offsets of se without (0, 0, 0).
func centreless(se SE) [][3]int {
	var out [][3]int
	for _, o := range se.Offsets() {
		if o != [3]int{} {
			out = append(out, o)
		}
	}
	return out
}

// floatVolumes runs f on each volume of the inputs as float64 values (exact
// for every gips type) and writes the result into dst, converted to its
// type (values that it holds: 0/1 for Binary).
func floatVolumes(fn string, dst *gips.Image, in []*gips.Image, f func(res []float64, in [][]float64, d nbhd.Dims) error) error {
	g := in[0].Geometry()
	d := nbhd.DimsOf(g)
	vols := make([][]float64, len(in))
	for i := range vols {
		vols[i] = make([]float64, d.Len())
	}
	res := make([]float64, d.Len())
	for v := range nbhd.Volumes(g) {
		for i, img := range in {
			if err := gatherFloat(vols[i], img, v); err != nil {
				return fmt.Errorf("%s: %w", fn, err)
			}
		}
		if err := f(res, vols, d); err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
		if err := scatterFloat(dst, v, res); err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
	}
	return nil
}

type floatIO struct {
	img *gips.Image
	v   int
	buf []float64
}

func gatherFloat(dst []float64, img *gips.Image, v int) error {
	return gips.Dispatch(img.Type(), gips.AllKernels(gatherF[uint8], gatherF[int8], gatherF[uint16], gatherF[int16],
		gatherF[uint32], gatherF[int32], gatherF[float32], gatherF[float64]), floatIO{img, v, dst})
}

func gatherF[T gips.Pixel](a floatIO) error {
	ps, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	g := a.img.Geometry()
	tmp := make([]T, len(a.buf))
	nbhd.Gather(tmp, ps, g, a.v)
	for i, x := range tmp {
		a.buf[i] = float64(x)
	}
	return nil
}

func scatterFloat(img *gips.Image, v int, src []float64) error {
	return gips.Dispatch(img.Type(), gips.AllKernels(scatterF[uint8], scatterF[int8], scatterF[uint16], scatterF[int16],
		scatterF[uint32], scatterF[int32], scatterF[float32], scatterF[float64]), floatIO{img, v, src})
}

func scatterF[T gips.Pixel](a floatIO) error {
	ps, err := gips.WritablePlanes[T](a.img)
	if err != nil {
		return err
	}
	tmp := make([]T, len(a.buf))
	for i, x := range a.buf {
		tmp[i] = T(x)
	}
	nbhd.Scatter(ps, a.img.Geometry(), a.v, tmp)
	return nil
}

func neg(s []float64) {
	for i := range s {
		s[i] = -s[i]
	}
}
