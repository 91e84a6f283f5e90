package distance

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// FeatureTransform gives, for every pixel, the coordinates of its nearest
// zero pixel (itself for a zero pixel) under the sampling's metric:
// scipy.ndimage.distance_transform_edt(..., return_indices=True)'s
// indices, as three Int32 images of img's geometry holding the x, y and z
// coordinate (z is nil for a 2D image); -1 where a channel has no zero
// pixel. When several zero pixels are nearest, the one chosen may differ
// from scipy's (its distance is the same). It costs 4 bytes per voxel of
// one volume more than EDT, plus the three outputs.
func FeatureTransform(img *gips.Image, opts ...Option) (x, y, z *gips.Image, err error) {
	g := img.Geometry().WithType(gips.Int32)
	outs := make([]*gips.Image, 2, 3)
	if g.Volume {
		outs = outs[:3]
	}
	for k := range outs {
		if outs[k], err = gips.CreateImage(g); err != nil {
			return nil, nil, nil, fmt.Errorf("featureTransform: %w", err)
		}
	}
	if err := features(outs, img, collect(opts)); err != nil {
		return nil, nil, nil, err
	}
	if g.Volume {
		z = outs[2]
	}
	return outs[0], outs[1], z, nil
}

// features writes the x, y (and z) coordinates of the nearest zero pixels
// into outs, Int32 images of src's sizes.
func features(outs []*gips.Image, src *gips.Image, c config) error {
	for _, o := range outs {
		if err := checkDst("featureTransform", o, src, gips.Int32); err != nil {
			return err
		}
	}
	v, err := newVolume("featureTransform", src, c, true)
	if err != nil {
		return err
	}
	defer scratch.Put(&pool, v.feat)
	v.f = getScratch(v.sx * v.sy * v.sz)
	defer putScratch(v.f)
	planes := make([][]gips.Plane[int32], len(outs))
	for k, o := range outs {
		if planes[k], err = gips.WritablePlanes[int32](o); err != nil {
			return err
		}
	}
	g := src.Geometry()
	for vol := 0; vol < g.SizeC*g.SizeT; vol++ {
		plane0 := vol * g.SizeZ
		if err := v.squared(src, plane0, false); err != nil {
			return fmt.Errorf("featureTransform: %w", err)
		}
		err := parallel(v.sy*v.sz, 16, func(lo, hi int) {
			rows := make([][]int32, len(outs))
			for r := lo; r < hi; r++ {
				for k := range outs {
					rows[k] = planes[k][plane0+r/v.sy].Row(r % v.sy)
				}
				for x, i := range v.feat[r*v.sx : (r+1)*v.sx] {
					c := [3]int32{-1, -1, -1}
					if i >= 0 {
						c = [3]int32{i % int32(v.sx), i / int32(v.sx) % int32(v.sy), i / int32(v.sx*v.sy)}
					}
					for k := range rows {
						rows[k][x] = c[k]
					}
				}
			}
		})
		if err != nil {
			return fmt.Errorf("featureTransform: %w", err)
		}
	}
	return nil
}
