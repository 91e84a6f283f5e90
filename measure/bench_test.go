package measure

import (
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/testref"
)

// spheres is a volume of n random balls of radius 3..7 voxels, each its
// own label, drawn over each other (so they touch and cut each other),
// and a random intensity.
func spheres(nx, ny, nz, n int, seed uint64) ([]uint32, []uint16) {
	rng := rand.New(rand.NewPCG(seed, 1))
	v := make([]uint32, nx*ny*nz)
	for l := 1; l <= n; l++ {
		cx, cy, cz := rng.IntN(nx), rng.IntN(ny), rng.IntN(nz)
		r := 3 + rng.IntN(5)
		for z := max(cz-r, 0); z <= min(cz+r, nz-1); z++ {
			for y := max(cy-r, 0); y <= min(cy+r, ny-1); y++ {
				for x := max(cx-r, 0); x <= min(cx+r, nx-1); x++ {
					if dx, dy, dz := x-cx, y-cy, z-cz; dx*dx+dy*dy+dz*dz <= r*r {
						v[(z*ny+y)*nx+x] = uint32(l)
					}
				}
			}
		}
	}
	f := make([]uint16, len(v))
	for i := range f {
		f[i] = uint16(rng.IntN(4096))
	}
	return v, f
}

var benchShape = Measures(3, false)
var benchMoments = []string{"area", "bboxMinX", "bboxMinY", "bboxMinZ", "bboxMaxX", "bboxMaxY", "bboxMaxZ", "centroidX", "centroidY", "centroidZ",
	"equivalentDiameter", "extent", "inertiaEigen1", "inertiaEigen2", "inertiaEigen3", "majorAxisLength", "minorAxisLength"}
var benchIntensity = []string{"area", "centroidX", "centroidY", "centroidZ", "intensityMin", "intensityMax", "intensityMean"}

func benchImages(b testing.TB, nx, ny, nz, n int) (*gips.Image, *gips.Image, []uint32, []uint16) {
	v, f := spheres(nx, ny, nz, n, 7)
	lab := makeLabels(b, gips.Label16, v, nz, ny, nx, true)
	if n > 65535 {
		lab = makeLabels(b, gips.Label32, v, nz, ny, nx, true)
	}
	inten, err := gips.FromArray(gips.ArrayOf(f, nz, ny, nx))
	if err != nil {
		b.Fatal(err)
	}
	return lab, inten, v, f
}

// BenchmarkLabelAnalysis3D: about 10,000 labels in a 256x256x128 volume.
func BenchmarkLabelAnalysis3D(b *testing.B) {
	lab, inten, _, _ := benchImages(b, 256, 256, 128, 10000)
	for _, c := range []struct {
		name string
		in   *gips.Image
		cols []string
	}{{"moments", nil, benchMoments}, {"areaCentroidIntensity", inten, benchIntensity}, {"allShape", nil, benchShape}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(256 * 256 * 128 * 2))
			for b.Loop() {
				if _, err := LabelAnalysis(lab, c.in, WithMeasures(c.cols...)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSpeedVersusSkimage times LabelAnalysis and scikit-image's
// regionprops_table on the same volume (the benchmark's) and logs the
// ratios; it asserts nothing about time. Run with GIPS_MEASURE_SPEED=1.
func TestSpeedVersusSkimage(t *testing.T) {
	if os.Getenv("GIPS_MEASURE_SPEED") == "" {
		t.Skip("set GIPS_MEASURE_SPEED=1 to time LabelAnalysis against scikit-image")
	}
	nx, ny, nz := 256, 256, 128
	lab, inten, v, f := benchImages(t, nx, ny, nz, 10000)
	best := func(f func()) time.Duration {
		d := time.Duration(1 << 62)
		for range 3 {
			t0 := time.Now()
			f()
			d = min(d, time.Since(t0))
		}
		return d
	}
	goTime := map[string]time.Duration{}
	for name, cols := range map[string][]string{"moments": benchMoments, "intensity": benchIntensity, "allShape": benchShape} {
		in := inten
		if name != "intensity" {
			in = nil
		}
		goTime[name] = best(func() {
			if _, err := LabelAnalysis(lab, in, WithMeasures(cols...)); err != nil {
				t.Fatal(err)
			}
		})
	}
	ref := testref.Run(t, `
import time
from skimage.measure import regionprops_table
a = inp["a"].astype(np.int32); f = inp["f"]
def best(fn, k=2):
    ts = []
    for _ in range(k):
        t0 = time.perf_counter(); fn(); ts.append(time.perf_counter() - t0)
    return min(ts)
out["moments"] = np.array([best(lambda: regionprops_table(a, properties=["label", "area", "bbox", "centroid", "equivalent_diameter_area", "extent", "inertia_tensor_eigvals", "axis_major_length"]))])
out["intensity"] = np.array([best(lambda: regionprops_table(a, f, properties=["label", "area", "centroid", "intensity_min", "intensity_max", "intensity_mean"]))])
# (no axis_minor_length: scikit-image 0.19 fails on a rounding error below 0)
# the shape set with solidity and Euler number, on the first 300 labels, per label
sub = np.where(a <= 300, a, 0)
out["shape300"] = np.array([best(lambda: regionprops_table(sub, properties=["label", "area", "bbox", "centroid", "inertia_tensor_eigvals", "axis_major_length", "euler_number", "solidity", "extent"]), 1)])
`, map[string]gips.Array{"a": gips.ArrayOf(v, nz, ny, nx), "f": gips.ArrayOf(f, nz, ny, nx)})
	sec := func(k string) float64 { return ref[k].Get(0) }
	t.Logf("%dx%dx%d, %d labels", nx, ny, nz, 10000)
	for _, k := range []string{"moments", "intensity"} {
		t.Logf("%-10s gips %8.1f ms   scikit-image %8.1f ms   ratio %.0fx", k, goTime[k].Seconds()*1e3, sec(k)*1e3, sec(k)/goTime[k].Seconds())
	}
	perLabel := sec("shape300") / 300
	t.Logf("allShape   gips %8.1f ms   scikit-image (shape set, 300 labels) %.2f ms/label -> %.1f s for 10000 labels, ratio %.0fx",
		goTime["allShape"].Seconds()*1e3, perLabel*1e3, perLabel*1e4, perLabel*1e4/goTime["allShape"].Seconds())
	fmt.Fprintln(os.Stderr)
}

// BenchmarkIntensityTable: the bench's intensity_table row's measures
// (intensityMin, Max, Mean, Std, Sum) on the 256x256x128 balls.
func BenchmarkIntensityTable(b *testing.B) {
	lab, inten, _, _ := benchImages(b, 256, 256, 128, 10000)
	b.SetBytes(int64(256 * 256 * 128 * 4))
	for b.Loop() {
		if _, err := LabelAnalysis(lab, inten, WithMeasures("intensityMin", "intensityMax", "intensityMean", "intensityStd", "intensitySum")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIntensityTableFile: the bench's intensity_table row on its own
// input, from lab2.npy/grey2.npy (or lab3/grey3) in the directory
// GIPS_MEASURE_DIR (skipped without it): the components of the bench's
// binary image (int32) and its grey image, as numpy.save wrote them.
func BenchmarkIntensityTableFile(b *testing.B) {
	dir := os.Getenv("GIPS_MEASURE_DIR")
	if dir == "" {
		b.Skip("GIPS_MEASURE_DIR not set")
	}
	for _, nd := range []string{"2", "3"} {
		b.Run(nd+"D", func(b *testing.B) {
			load := func(name string) *gips.Image {
				a, err := testref.ReadNpy(dir + "/" + name + nd + ".npy")
				if err != nil {
					b.Skip(err)
				}
				img, err := gips.FromArray(a)
				if err != nil {
					b.Fatal(err)
				}
				return img
			}
			lab, grey := load("lab"), load("grey")
			for b.Loop() {
				if _, err := LabelAnalysis(lab, grey, WithMeasures("intensityMin", "intensityMax", "intensityMean", "intensityStd", "intensitySum")); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
