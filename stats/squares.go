package stats

import (
	"fmt"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// squares is Σ(v - mean)² over every pixel of a float image, compensated
// in float64: the second pass of a two-pass variance, which does not lose
// the small deviations of a large mean as Σv² - N·mean² would in floating
// point. (Integer images get theirs exactly from one pass: partial.squares.)
func squares(img *gips.Image, mean float64) (float64, error) {
	a := squaresArgs{img: img, mean: mean}
	err := gips.Dispatch(img.Type(), gips.AllKernels(squaresPlanes[uint8], squaresPlanes[int8], squaresPlanes[uint16], squaresPlanes[int16],
		squaresPlanes[uint32], squaresPlanes[int32], squaresPlanes[float32], squaresPlanes[float64]), &a)
	if err != nil {
		return 0, fmt.Errorf("stats: %w", err)
	}
	return a.total.value(), nil
}

type squaresArgs struct {
	img   *gips.Image
	mean  float64
	mu    sync.Mutex
	total neumaier
}

func squaresPlanes[T gips.Pixel](a *squaresArgs) error {
	ps, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	g := a.img.Geometry()
	par.BandsWork(len(ps), g.SizeY, g.SizeX*8, func(i, y0, y1 int) {
		var k neumaier
		for y := y0; y < y1; y++ {
			switch r := any(ps[i].Row(y)).(type) {
			case []float32:
				sumSquares(&k, r, a.mean)
			case []float64:
				sumSquares(&k, r, a.mean)
			default:
				for _, v := range ps[i].Row(y) {
					d := float64(v) - a.mean
					k.add(d * d)
				}
			}
		}
		a.mu.Lock()
		a.total.merge(k)
		a.mu.Unlock()
	})
	return nil
}
