package color

import (
	"strings"
	"testing"

	"github.com/gipsdev/gips"
)

// TestBandsPanicIsAnError: a worker's panic comes back from bands as an
// error naming the conversion, on one worker and on several (a 2048²
// image's work asks for as many as there are).
func TestBandsPanicIsAnError(t *testing.T) {
	for _, n := range []int{8, 2048} {
		src, _ := gips.CreateImage(gips.GeometryRgb2d(gips.UInt8, n, n))
		dst, _ := gips.CreateImage(gips.Geometry2d(gips.Real64, n, n))
		err := bands(&job{c: &toGrey, dst: dst, src: src}, 1, func(z, tt, y0, y1 int) {
			if y1 == n {
				panic("the last band")
			}
		})
		if err == nil || !strings.Contains(err.Error(), "rgbToGrey: internal error: the last band") {
			t.Fatalf("%d²: %v", n, err)
		}
	}
}
