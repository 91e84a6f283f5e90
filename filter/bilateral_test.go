package filter

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// bilateralRef is the definition written out in numpy: the image padded
// by numpy.pad in the mode's numpy name, then a weighted sum over every
// offset of the ball.
const bilateralRef = `
import itertools
def bilateral(v, ss, sr, radius, m, cval):
    pm = {'reflect': 'symmetric', 'mirror': 'reflect', 'nearest': 'edge', 'wrap': 'wrap', 'constant': 'constant'}[m]
    kw = {'constant_values': cval} if m == 'constant' else {}
    p = np.pad(v, radius, mode=pm, **kw)
    num, den = np.zeros_like(v), np.zeros_like(v)
    for off in itertools.product(range(-radius, radius + 1), repeat=v.ndim):
        d2 = sum(o * o for o in off)
        if d2 > radius * radius:
            continue
        q = p[tuple(slice(radius + o, radius + o + n) for o, n in zip(off, v.shape))]
        w = np.exp(-d2 / (2 * ss * ss)) * np.exp(-(q - v) ** 2 / (2 * sr * sr))
        num += w * q
        den += w
    return num / den
`

// TestBilateralMatchesBruteForce: every type, layout and mode against the
// numpy definition, with a range sigma a tenth of the input's range (so
// that the range weight matters) and radius 2, and radius from sigma.
func TestBilateralMatchesBruteForce(t *testing.T) {
	for _, bt := range imgtest.NumericTypes {
		lo, hi := bt.Range()
		if bt.IsFloat() {
			lo, hi = -1000, 1000
		}
		if bt.ItemSize() == 4 && !bt.IsFloat() {
			lo, hi = lo/4, hi/4
		}
		sr := (hi - lo) / 10
		cases := []refCase{
			{name: "bilateral r2", py: fmt.Sprintf("bilateral(v, 1.5, %g, 2, m, cval)", sr), tol: 1e-9,
				run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
					return Bilateral(img, 1.5, sr, 2, WithMode(m), WithCval(cval), WithOutput(gips.Real64))
				}},
			{name: "bilateral sigma 0.9", py: fmt.Sprintf("bilateral(v, 0.9, %g, 1, m, cval)", sr*3), tol: 1e-9,
				run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
					return Bilateral(img, 0.9, sr*3, 0, WithMode(m), WithCval(cval), WithOutput(gips.Real64))
				}},
		}
		compareRef(t, 51, []gips.BufferType{bt}, modes, lo+(hi-lo)/3, bilateralRef, cases)
	}
}

// TestBilateralMatchesOpenCV: 2D UInt8 against cv2.bilateralFilter with
// BORDER_REFLECT_101 (Mirror) and the other borders OpenCV shares with
// scipy (REFLECT, REPLICATE; OpenCV's bilateral filter has no WRAP):
// equal or off by one (OpenCV sums in float32 and rounds), mostly equal.
func TestBilateralMatchesOpenCV(t *testing.T) {
	rng := rand.New(rand.NewPCG(52, 1))
	data := make([]uint8, 61*47)
	for i := range data {
		data[i] = uint8(rng.IntN(256))
		if i%61 > 30 { // a step, so that the range weight matters
			data[i] = uint8(min(255, int(data[i])/4+180))
		}
	}
	a := gips.ArrayOf(data, 47, 61)
	img, _ := gips.FromArray(a)
	ref := testref.Run(t, `import cv2
a = inp["a"]
for name, b in [("mirror", cv2.BORDER_REFLECT_101), ("reflect", cv2.BORDER_REFLECT), ("nearest", cv2.BORDER_REPLICATE)]:
    out[name + "3"] = cv2.bilateralFilter(a, 7, 40.0, 2.0, borderType=b)
    out[name + "0"] = cv2.bilateralFilter(a, 0, 25.0, 1.0, borderType=b)
`, map[string]gips.Array{"a": a})
	for _, m := range []Mode{Mirror, Reflect, Nearest} {
		for _, p := range []struct {
			key    string
			ss, sr float64
			r      int
		}{{"3", 2, 40, 3}, {"0", 1, 25, 0}} {
			got, err := Bilateral(img, p.ss, p.sr, p.r, WithMode(m), WithOutput(gips.UInt8))
			if err != nil {
				t.Fatal(err)
			}
			gv, want := imgtest.ImageValues(t, got), imgtest.Values(ref[ModeNames[m]+p.key])
			off := 0
			for i := range want {
				switch d := math.Abs(gv[i] - want[i]); {
				case d == 1:
					off++
				case d > 1:
					t.Fatalf("%v radius %d: pixel %d: got %v, OpenCV %v", m, p.r, i, gv[i], want[i])
				}
			}
			if off > len(want)/50 {
				t.Errorf("%v radius %d: %d of %d pixels off by one", m, p.r, off, len(want))
			}
			t.Logf("%v radius %d: %d of %d pixels off by one from OpenCV", m, p.r, off, len(want))
		}
	}
}

func TestBilateralErrors(t *testing.T) {
	img, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 4, 3))
	for _, c := range []struct {
		ss, sr float64
		r      int
		name   string
	}{{0, 1, 1, "sigma_spatial"}, {1, -1, 1, "sigma_range"}, {1, 1, -1, "radius"}, {1, 1, 1000, "radius"}, {1e6, 1, 0, "sigma_spatial"}, {1, math.Inf(1), 1, "sigma_range"}} {
		if _, err := Bilateral(img, c.ss, c.sr, c.r); !errors.Is(err, ErrParam) || !contains(err, c.name) {
			t.Errorf("%+v: %v", c, err)
		}
	}
}

// TestBilateralTableMatchesGeneric: the 8-bit table loop gives the generic
// loop's float64 results bit for bit (the same products and sums), 2D and
// 3D, every mode, values from both ends of the range.
func TestBilateralTableMatchesGeneric(t *testing.T) {
	rng := rand.New(rand.NewPCG(53, 2))
	lut := make([]float64, 256)
	for i := range lut {
		lut[i] = math.Exp(-float64(i*i) / (2 * 25.0 * 25.0))
	}
	for _, nd := range []int{2, 3} {
		v := newField[float64](23, 9, map[int]int{2: 1, 3: 5}[nd])
		for i := range v.pix {
			v.pix[i] = float64(rng.IntN(256))
			if rng.IntN(5) == 0 {
				v.pix[i] = float64(255 * rng.IntN(2))
			}
		}
		for _, m := range modes {
			c := config{mode: m, cval: 200}
			want := bilateralField(v, nd, 3, 2, 25, lut, false, c)
			got := bilateralField(v, nd, 3, 2, 25, lut, true, c)
			for i := range want.pix {
				if math.Float64bits(got.pix[i]) != math.Float64bits(want.pix[i]) {
					t.Fatalf("%dD %v pixel %d: table %v, generic %v", nd, m, i, got.pix[i], want.pix[i])
				}
			}
		}
	}
}
