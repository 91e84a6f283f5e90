package distance

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/ops"
)

// TestFeatureTransformOpChannels: the op's channels are the coordinates in
// numpy's axis order (z, y, x), equal to the Go function's images; the
// edt op with sampling equals the Go function.
func TestFeatureTransformOpChannels(t *testing.T) {
	pix := make([]uint8, 4*5*6)
	for i := range pix {
		pix[i] = uint8(min(1, (i*7)%11))
	}
	img, _ := gips.FromArray(gips.ArrayOf(pix, 4, 5, 6))
	res, err := ops.Call("distance.featureTransform", []*gips.Image{img}, nil, map[string]any{"sampling": []float64{1, 2, 3}})
	if err != nil {
		t.Fatal(err)
	}
	x, y, z, err := FeatureTransform(img, WithSampling(1, 2, 3))
	if err != nil {
		t.Fatal(err)
	}
	all := imgtest.ImageValues(t, res.Image)
	n := len(pix)
	for c, want := range []*gips.Image{z, y, x} {
		for i, v := range imgtest.ImageValues(t, want) {
			if all[c*n+i] != v {
				t.Fatalf("channel %d pixel %d: %v, Go %v", c, i, all[c*n+i], v)
			}
		}
	}
	e, err := ops.Call("distance.edt", []*gips.Image{img}, nil, map[string]any{"sampling": []float64{1, 2, 3}, "output": "Real64"})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := EDT(img, WithSampling(1, 2, 3), WithOutput(gips.Real64))
	for i, v := range imgtest.ImageValues(t, d) {
		if got := imgtest.ImageValues(t, e.Image)[i]; got != v {
			t.Fatalf("edt op pixel %d: %v, Go %v", i, got, v)
		}
	}
}
