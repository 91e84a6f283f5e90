package imgtest

import (
	"math"
	"math/rand/v2"

	"github.com/gipsdev/gips"
)

// SmoothGrey is an n x n UInt8 image like bench/inputs.py's: a smooth field
// of mean 128 and deviation 40 plus pixel noise of deviation 14, so that
// its histogram is unimodal with tails (runs of near-equal values are the
// hard case for counting). The same seed every call.
func SmoothGrey(n int) *gips.Image {
	img, err := gips.CreateImage(gips.Geometry2d(gips.UInt8, n, n))
	if err != nil {
		panic(err)
	}
	a, _ := img.Array()
	rng := rand.New(rand.NewPCG(1, 2))
	const cell = 32
	m := n/cell + 2
	low := make([]float64, m*m)
	for i := range low {
		low[i] = rng.NormFloat64()
	}
	for y := range n {
		for x := range n {
			fy, fx := float64(y)/cell, float64(x)/cell
			iy, ix := int(fy), int(fx)
			ty, tx := fy-float64(iy), fx-float64(ix)
			f := (low[iy*m+ix]*(1-tx)+low[iy*m+ix+1]*tx)*(1-ty) + (low[(iy+1)*m+ix]*(1-tx)+low[(iy+1)*m+ix+1]*tx)*ty
			v := math.Round(128 + 40*f + 14*rng.NormFloat64())
			a.Data[y*n+x] = byte(min(max(v, 0), 255))
		}
	}
	return img
}
