// Command separate splits touching spheres in a synthetic volume, the Go
// way: distance map, h-maxima seeds, watershed inside the mask, a label
// analysis table and a PNG of the middle slice with coloured outlines.
//
//	go run ./examples/separate [-size 96] [-out DIR]
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"path/filepath"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/arith"
	"github.com/gipsdev/gips/distance"
	"github.com/gipsdev/gips/imageio"
	"github.com/gipsdev/gips/label"
	"github.com/gipsdev/gips/measure"
	"github.com/gipsdev/gips/morpho"
	"github.com/gipsdev/gips/segment"
)

func main() {
	size := flag.Int("size", 96, "edge of the cubic volume, in voxels")
	out := flag.String("out", ".", "folder for separate.png and separate.csv")
	flag.Parse()
	if err := run(*size, *out); err != nil {
		log.Fatal(err)
	}
}

// spheres is a Binary volume of overlapping balls: pairs and chains of
// touching objects, the case a plain labelling cannot split.
func spheres(n int) (*gips.Image, error) {
	img, err := gips.CreateImage(gips.Geometry3d(gips.Binary, n, n, n))
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	type ball struct{ x, y, z, r float64 }
	var balls []ball
	for range n / 8 {
		r := float64(n) * (0.07 + 0.05*rng.Float64())
		c := ball{rng.Float64() * float64(n), rng.Float64() * float64(n), rng.Float64() * float64(n), r}
		balls = append(balls, c)
		// a twin touching it: the pair the watershed must split
		d, a, b := 1.6*r, rng.Float64()*2*math.Pi, rng.Float64()*math.Pi
		balls = append(balls, ball{c.x + d*math.Cos(a)*math.Sin(b), c.y + d*math.Sin(a)*math.Sin(b), c.z + d*math.Cos(b), r})
	}
	planes, _ := gips.WritablePlanes[uint8](img)
	for z, p := range planes {
		for y := range p.Height {
			row := p.Row(y)
			for x := range row {
				for _, b := range balls {
					dx, dy, dz := float64(x)-b.x, float64(y)-b.y, float64(z)-b.z
					if dx*dx+dy*dy+dz*dz <= b.r*b.r {
						row[x] = 1
						break
					}
				}
			}
		}
	}
	return img, nil
}

func run(n int, dir string) error {
	mask, err := spheres(n)
	if err != nil {
		return err
	}
	dist, err := distance.EDT(mask) // Real32: distance to the background
	if err != nil {
		return err
	}
	seeds, err := morpho.HMaxima(dist, 1, morpho.Box(3, 3, 3))
	if err != nil {
		return err
	}
	markers, nSeeds, err := label.Components(seeds, gips.Full)
	if err != nil {
		return err
	}
	depth, err := arith.MultiplyScalar(dist, -1) // basins at the centres
	if err != nil {
		return err
	}
	objects, err := segment.Watershed(depth, markers, segment.WithMask(mask))
	if err != nil {
		return err
	}
	_, nBlobs, err := label.Components(mask, gips.Full)
	if err != nil {
		return err
	}
	table, err := measure.LabelAnalysis(objects, nil, measure.WithMeasures("area", "surfaceArea", "sphericity"))
	if err != nil {
		return err
	}
	if err := table.SaveCsv(filepath.Join(dir, "separate.csv")); err != nil {
		return err
	}
	picture, err := measure.Overlay(dist, objects, n/2) // the distance map as the grey picture
	if err != nil {
		return err
	}
	if err := imageio.Save(filepath.Join(dir, "separate.png"), picture, nil); err != nil {
		return err
	}
	fmt.Printf("%d connected blobs, %d seeds, %d objects after the watershed\n", nBlobs, nSeeds, table.Len())
	return nil
}
