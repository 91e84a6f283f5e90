package morpho

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// TestFootprintsMatchSkimage compares Disk, Ball, Diamond and Octahedron
// with skimage.morphology's, Cross and ConnectivitySE with scipy's
// generate_binary_structure, and Line with the pixels skimage.draw.line
// draws, over several radii, lengths and angles.
func TestFootprintsMatchSkimage(t *testing.T) {
	got := map[string]SE{}
	var script strings.Builder
	script.WriteString(`import skimage.morphology as skm, scipy.ndimage as ndi, skimage.draw as skd
def rnd(x): return int(np.sign(x) * np.floor(abs(x) + 0.5))
def line(n, a):
    h = (n - 1) / 2
    th = np.deg2rad(a)
    dx, dy = rnd(h * np.cos(th)), rnd(-h * np.sin(th))
    fp = np.zeros((2 * abs(dy) + 1, 2 * abs(dx) + 1), np.uint8)
    cy, cx = abs(dy), abs(dx)
    rr, cc = skd.line(cy - dy, cx - dx, cy + dy, cx + dx)
    fp[rr, cc] = 1
    return fp
`)
	for _, r := range []int{0, 1, 2, 3, 4, 7, 10} {
		for name, f := range map[string]func(int) SE{"disk": Disk, "ball": Ball, "diamond": Diamond, "octahedron": Octahedron} {
			k := fmt.Sprintf("%s_%d", name, r)
			got[k] = f(r)
			fmt.Fprintf(&script, "out[%q] = skm.%s(%d).astype(np.uint8)\n", k, name, r)
		}
	}
	for nd := 2; nd <= 3; nd++ {
		got[fmt.Sprintf("cross_%d", nd)] = Cross(nd)
		fmt.Fprintf(&script, "out['cross_%d'] = ndi.generate_binary_structure(%d, 1).astype(np.uint8)\n", nd, nd)
		for c := 1; c <= nd; c++ {
			got[fmt.Sprintf("conn_%d_%d", nd, c)] = ConnectivitySE(gips.Connectivity(c), nd)
			fmt.Fprintf(&script, "out['conn_%d_%d'] = ndi.generate_binary_structure(%d, %d).astype(np.uint8)\n", nd, c, nd, c)
		}
	}
	for _, n := range []int{1, 2, 5, 9, 15} {
		for _, a := range []float64{0, 30, 45, 60, 90, 100, 135, 170, -20} {
			k := fmt.Sprintf("line_%d_%g", n, a)
			got[k] = Line(n, a)
			fmt.Fprintf(&script, "out[%q] = line(%d, %g)\n", strings.ReplaceAll(k, "-", "m"), n, a)
		}
	}
	ref := testref.Run(t, script.String(), nil)
	for k, s := range got {
		if err := s.Err(); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		want := ref[strings.ReplaceAll(k, "-", "m")]
		if len(want.Shape) == 3 && want.Shape[0] == 1 { // a 1x1x1 ball: gips sees one plane
			want = want.Index(0, 0)
		}
		imgtest.Equal(t, k, seArray(s), want)
	}
}

// TestFromImageAnyType reads one footprint from images of every plain type
// (each read in its own type): nonzero is true, NaN included, wherever the
// pixel lies.
func TestFromImageAnyType(t *testing.T) {
	const sx, sy, sz = 3, 4, 2
	want := make([]bool, sx*sy*sz)
	for i := range want {
		want[i] = i%3 == 0 || i == 7
	}
	for _, typ := range []gips.BufferType{gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.Int32, gips.Real32, gips.Real64} {
		img, err := gips.CreateImage(gips.Geometry3d(typ, sx, sy, sz))
		if err != nil {
			t.Fatal(err)
		}
		a, _ := img.Array()
		for i, on := range want {
			v := 0.0
			if on {
				v = float64(1 + i%2) // 1 and 2
				if i == 7 && (typ == gips.Real32 || typ == gips.Real64) {
					v = math.NaN()
				}
			}
			a.Put(v, i/(sx*sy), i/sx%sy, i%sx)
		}
		s := FromImage(img)
		if s.Err() != nil || s.Size() != [3]int{sx, sy, sz} {
			t.Fatalf("%v: size %v, error %v", typ, s.Size(), s.Err())
		}
		for i, on := range want {
			if got := s.At(i%sx, i/sx%sy, i/(sx*sy)); got != on {
				t.Errorf("%v: element %d (x %d y %d z %d) %v, want %v", typ, i, i%sx, i/sx%sy, i/(sx*sy), got, on)
			}
		}
	}
}
