package segment

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// discs draws filled discs (or balls) into a Binary array of numpy shape.
func discs(shape []int, centres [][3]float64, r float64) gips.Array {
	n := 1
	for _, s := range shape {
		n *= s
	}
	data := make([]uint8, n)
	a := gips.ArrayOf(data, shape...)
	nz, ny, nx := 1, shape[len(shape)-2], shape[len(shape)-1]
	if len(shape) == 3 {
		nz = shape[0]
	}
	for z := range nz {
		for y := range ny {
			for x := range nx {
				for _, c := range centres {
					dx, dy, dz := float64(x)-c[0], float64(y)-c[1], float64(z)-c[2]
					if dx*dx+dy*dy+dz*dz <= r*r {
						data[(z*ny+y)*nx+x] = 255 // any nonzero byte is true
					}
				}
			}
		}
	}
	return a
}

// TestSeparateSplitsTouchingDiscsAndKeepsEveryPixel: two overlapping discs
// and two overlapping balls come out as two labels each, and the labels
// cover exactly the foreground, a lone pixel included.
func TestSeparateSplitsTouchingDiscsAndKeepsEveryPixel(t *testing.T) {
	for _, c := range []struct {
		shape []int
		cs    [][3]float64
	}{
		{[]int{40, 60}, [][3]float64{{18, 20, 0}, {36, 20, 0}, {55, 2, 0}}},
		{[]int{30, 30, 50}, [][3]float64{{15, 15, 15}, {30, 15, 15}, {48, 1, 1}}},
	} {
		a := discs(c.shape, c.cs, 10)
		img, _ := gips.FromBinaryArray(a)
		out, err := Separate(img, 1, gips.Full)
		if err != nil {
			t.Fatal(err)
		}
		got, in := imgtest.ImageValues(t, out), imgtest.Values(a)
		seen := map[float64]int{}
		for i, v := range got {
			if (v != 0) != (in[i] != 0) {
				t.Fatalf("%v: pixel %d labelled %v on input %v", c.shape, i, v, in[i])
			}
			if v != 0 {
				seen[v]++
			}
		}
		if len(seen) != 3 || seen[1] == 0 || seen[2] == 0 || seen[3] == 0 {
			t.Errorf("%v: labels %v, want 1, 2 (the two discs) and 3 (the lone corner)", c.shape, seen)
		}
	}
}

// TestSeparateIsScipyEdtSkimageHMaximaAndWatershed: where the reference
// pipeline (scipy's EDT, skimage's h_maxima, ndimage.label, skimage's
// watershed with the mask) labels a pixel, Separate gives it the same
// label, on random blobs in 2D and 3D at every connectivity.
func TestSeparateIsScipyEdtSkimageHMaximaAndWatershed(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	inp := map[string]gips.Array{}
	script := `import scipy.ndimage as ndi
from skimage.morphology import h_maxima
from skimage.segmentation import watershed
def sep(a, h, conn):
    d = ndi.distance_transform_edt(a != 0)
    st = ndi.generate_binary_structure(a.ndim, conn)
    m = ndi.label(h_maxima(d, h, footprint=st), structure=st)[0]
    return watershed(-d, m, mask=a != 0, connectivity=conn).astype(np.uint32)
`
	type tc struct {
		name string
		h    float64
		conn int
	}
	var cases []tc
	for _, shape := range [][]int{{48, 64}, {20, 32, 40}} {
		var cs [][3]float64
		for range 9 {
			cs = append(cs, [3]float64{rng.Float64() * float64(shape[len(shape)-1]), rng.Float64() * float64(shape[len(shape)-2]), rng.Float64() * float64(shape[0])})
		}
		for _, h := range []float64{0.5, 2} {
			for conn := 1; conn <= len(shape); conn++ {
				name := fmt.Sprintf("d%d_h%g_c%d", len(shape), h, conn)
				inp[name] = discs(shape, cs, 7)
				cases = append(cases, tc{name, h, conn})
				script += fmt.Sprintf("out[%q] = sep(inp[%q], %g, %d)\n", name, name, h, conn)
			}
		}
	}
	ref := testref.Run(t, script, inp)
	for _, c := range cases {
		img, _ := gips.FromBinaryArray(inp[c.name])
		out, err := Separate(img, c.h, gips.Connectivity(c.conn))
		if err != nil {
			t.Fatal(err)
		}
		got, want := imgtest.ImageValues(t, out), imgtest.Values(ref[c.name])
		bad := 0
		for i, w := range want {
			if w != 0 && got[i] != w {
				bad++
			}
		}
		if bad > 0 {
			t.Errorf("%s: %d pixels differ from the scipy/skimage pipeline", c.name, bad)
		}
	}
}

func TestSeparateBadInput(t *testing.T) {
	f, _ := gips.CreateImage(gips.Geometry2d(gips.Real32, 4, 4))
	if _, err := Separate(f, 1, gips.Full); !errors.Is(err, gips.ErrBufferType) {
		t.Errorf("float image: %v", err)
	}
	b, _ := gips.CreateImage(gips.Geometry2d(gips.Binary, 4, 4))
	if _, err := Separate(b, 0, gips.Full); !errors.Is(err, gips.ErrParam) {
		t.Errorf("h 0: %v", err)
	}
	if _, err := Separate(b, 1, gips.Conn26); !errors.Is(err, gips.ErrParam) {
		t.Errorf("connectivity 3 on 2D: %v", err)
	}
}
