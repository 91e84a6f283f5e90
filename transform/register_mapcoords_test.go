package transform

import (
	"errors"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// TestMapCoordinatesOpReadsChannelsXFirst checks the registry form against
// the Go function given the same points as separate images: channel 0 is
// x, channel 1 y (the Python side's agreement with scipy is in
// python/tests, refs.py).
func TestMapCoordinatesOpReadsChannelsXFirst(t *testing.T) {
	img, _ := gips.CreateImage(gips.Geometry2d(gips.Real64, 5, 4))
	pix, _ := gips.Planes[float64](img)
	for i := range pix[0].Pix {
		pix[0].Pix[i] = float64(i * i % 17)
	}
	cg := gips.GeometryMultiChannel2d(gips.Real64, 3, 2, 2)
	coords, _ := gips.CreateImage(cg)
	cp, _ := gips.Planes[float64](coords)
	xs := []float64{0.5, 3.25, 4, -1, 2.5, 1}
	ys := []float64{0, 2.75, 1.5, 3, -0.5, 2}
	copy(cp[0].Pix, xs) // channel 0: x
	copy(cp[1].Pix, ys) // channel 1: y
	res, err := ops.Call("transform.mapCoordinates", []*gips.Image{img, coords}, nil, map[string]any{"order": 1, "mode": "nearest"})
	if err != nil {
		t.Fatal(err)
	}
	x, _ := gips.CreateImage(gips.Geometry2d(gips.Real64, 3, 2))
	y, _ := gips.CreateImage(gips.Geometry2d(gips.Real64, 3, 2))
	px, _ := gips.Planes[float64](x)
	py, _ := gips.Planes[float64](y)
	copy(px[0].Pix, xs)
	copy(py[0].Pix, ys)
	want, err := MapCoordinates(img, []*gips.Image{x, y}, WithOrder(1), WithMode(Nearest))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := gips.Planes[float64](res.Image)
	w, _ := gips.Planes[float64](want)
	for i := range w[0].Pix {
		if got[0].Pix[i] != w[0].Pix[i] {
			t.Fatalf("point %d: op %v, MapCoordinates %v", i, got[0].Pix[i], w[0].Pix[i])
		}
	}
}

func TestMapCoordinatesOpWantsAChannelPerAxis(t *testing.T) {
	img, _ := gips.CreateImage(gips.Geometry3d(gips.UInt8, 5, 4, 3))
	coords, _ := gips.CreateImage(gips.GeometryMultiChannel2d(gips.Real32, 3, 2, 2))
	_, err := ops.Call("transform.mapCoordinates", []*gips.Image{img, coords}, nil, nil)
	if !errors.Is(err, gips.ErrShape) || !strings.Contains(err.Error(), "coordinates") {
		t.Fatalf("2 coordinate channels for a volume: %v", err)
	}
}
