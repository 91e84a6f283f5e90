package main

import (
	"math/rand/v2"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// phantom is the recipe of the synthetic CT volume: spheres of a few
// densities on a slowly varying background, with Gaussian noise.
type phantom struct {
	Size       [3]int    `json:"size"` // x, y, z
	Seed       uint64    `json:"seed"`
	Spheres    int       `json:"spheres"`
	Radius     [2]int    `json:"radius"` // smallest and largest, in voxels
	Densities  []float64 `json:"densities"`
	Background float64   `json:"background"`
	Noise      float64   `json:"noise"` // standard deviation
	Sigma      float64   `json:"sigma"` // of the demo's Gaussian
}

type sphere struct{ x, y, z, r, density float64 }

func (p phantom) spheres() []sphere {
	rng := rand.New(rand.NewPCG(p.Seed, 0x5eed))
	out := make([]sphere, p.Spheres)
	for i := range out {
		r := float64(p.Radius[0] + rng.IntN(p.Radius[1]-p.Radius[0]+1))
		at := func(n int) float64 { return r + rng.Float64()*max(float64(n)-2*r, 0) }
		out[i] = sphere{at(p.Size[0]), at(p.Size[1]), at(p.Size[2]), r, p.Densities[rng.IntN(len(p.Densities))]}
	}
	return out
}

// render draws the volume as UInt16 and returns it with the true
// fraction of voxels inside a sphere. Rows are drawn in parallel; each
// row's noise comes from its own generator, so the volume depends on the
// seed only. done is called after each plane row band with the rows drawn.
func (p phantom) render(done func(rows int)) (*gips.Image, float64, error) {
	sx, sy, sz := p.Size[0], p.Size[1], p.Size[2]
	img, err := gips.CreateImage(gips.Geometry3d(gips.UInt16, sx, sy, sz))
	if err != nil {
		return nil, 0, err
	}
	planes, err := gips.WritablePlanes[uint16](img)
	if err != nil {
		return nil, 0, err
	}
	balls := p.spheres()
	inside := make([]int64, sz*sy)
	par.Bands(sz, sy, 4, func(z, y0, y1 int) {
		for y := y0; y < y1; y++ {
			row := planes[z].Row(y)
			rng := rand.New(rand.NewPCG(p.Seed, uint64(z*sy+y)))
			fy, fz := float64(y)+0.5, float64(z)+0.5
			var near []sphere // the spheres this row crosses
			for _, s := range balls {
				if (fy-s.y)*(fy-s.y)+(fz-s.z)*(fz-s.z) <= s.r*s.r {
					near = append(near, s)
				}
			}
			for x := range row {
				fx := float64(x) + 0.5
				// A slow background: a cupping-like bowl and a ramp along z.
				dx, dy := fx/float64(sx)-0.5, fy/float64(sy)-0.5
				v := p.Background * (1 + 0.6*(dx*dx+dy*dy) + 0.3*fz/float64(sz))
				for _, s := range near {
					if d2 := (fx-s.x)*(fx-s.x) + (fy-s.y)*(fy-s.y) + (fz-s.z)*(fz-s.z); d2 <= s.r*s.r {
						if s.density > v {
							v = s.density
						}
						inside[z*sy+y]++
						break
					}
				}
				row[x] = gips.Saturate[uint16](v + rng.NormFloat64()*p.Noise)
			}
		}
		done(y1 - y0)
	})
	var n int64
	for _, c := range inside {
		n += c
	}
	return img, float64(n) / float64(sx*sy*sz), nil
}
