package filter

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/childtest"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// realImage is a sx x sy (x sz) Real64 image of integers in [0, 1000), so
// that box sums are exact in scipy and here alike.
func realImage(rng *rand.Rand, shape ...int) (*gips.Image, gips.Array) {
	n := 1
	for _, s := range shape {
		n *= s
	}
	data := make([]float64, n)
	for i := range data {
		data[i] = float64(rng.IntN(1000))
	}
	a := gips.ArrayOf(data, shape...)
	img, err := gips.FromArray(a)
	if err != nil {
		panic(err)
	}
	return img, a
}

// TestHugeKernelsMatchScipy: Gaussians and boxes far wider than the image
// (sigma 1e4, size 100001 and 100000 on lines of 1 to 30 pixels, and sizes
// near the modes' periods) equal scipy's in every mode, with Real64 output
// from a Real64 input. They are computed folded onto the line, so their
// cost does not grow with sigma or size.
func TestHugeKernelsMatchScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	type cse struct {
		name  string
		img   *gips.Image
		arr   gips.Array
		sigma [3]float64 // x, y, z
		size  [3]int
	}
	var cases []cse
	add := func(sigma [3]float64, size [3]int, shape ...int) {
		img, a := realImage(rng, shape...)
		cases = append(cases, cse{fmt.Sprintf("c%d", len(cases)), img, a, sigma, size})
	}
	add([3]float64{1e4, 1e4, 0}, [3]int{100001, 100000, 1}, 30, 20)
	add([3]float64{1e4, 3, 0}, [3]int{100000, 7, 1}, 7, 1)      // lines of 1 pixel
	add([3]float64{2.5, 40, 0}, [3]int{5, 41, 1}, 2, 9)         // lines of 2 pixels
	add([3]float64{6, 13, 0}, [3]int{14, 13, 1}, 5, 7)          // near 2n (reflect) and 2n-2 (mirror)
	add([3]float64{11, 2, 0}, [3]int{15, 12, 1}, 3, 6)          // 2n+1, 2n, 2n-1 ...
	add([3]float64{900, 2, 5e3}, [3]int{17, 4, 10001}, 4, 3, 5) // a volume
	const cval = 321.5
	inp := map[string]gips.Array{}
	var py strings.Builder
	py.WriteString("import scipy.ndimage as ndi\n")
	for _, c := range cases {
		inp[c.name] = c.arr
		nd := len(c.arr.Shape)
		sig, siz := fmt.Sprintf("(%g, %g)", c.sigma[1], c.sigma[0]), fmt.Sprintf("(%d, %d)", c.size[1], c.size[0])
		if nd == 3 {
			sig = fmt.Sprintf("(%g, %g, %g)", c.sigma[2], c.sigma[1], c.sigma[0])
			siz = fmt.Sprintf("(%d, %d, %d)", c.size[2], c.size[1], c.size[0])
		}
		fmt.Fprintf(&py, "out[%[1]q+'_g'] = np.stack([ndi.gaussian_filter(inp[%[1]q], %[2]s, mode=m, cval=%[4]g) for m in %[5]s])\n", c.name, sig, siz, cval, pyModes())
		fmt.Fprintf(&py, "out[%[1]q+'_m'] = np.stack([ndi.uniform_filter(inp[%[1]q], %[3]s, mode=m, cval=%[4]g) for m in %[5]s])\n", c.name, sig, siz, cval, pyModes())
	}
	ref := testref.Run(t, py.String(), inp)
	for _, c := range cases {
		for mi, m := range modes {
			opts := []Option{WithMode(m), WithCval(cval), WithOutput(gips.Real64)}
			g, err := GaussianXYZ(c.img, c.sigma[0], c.sigma[1], c.sigma[2], opts...)
			if err != nil {
				t.Fatal(err)
			}
			b, err := MeanXYZ(c.img, c.size[0], c.size[1], c.size[2], opts...)
			if err != nil {
				t.Fatal(err)
			}
			for kind, got := range map[string]*gips.Image{"g": g, "m": b} {
				want := imgtest.Values(ref[c.name+"_"+kind].Index(0, mi))
				gv := imgtest.ImageValues(t, got)
				for i := range want {
					if math.Abs(gv[i]-want[i]) > 1e-9*1000 {
						t.Fatalf("%s %v shape %v sigma %v size %v: %s pixel %d: got %v, scipy %v",
							c.name, m, c.arr.Shape, c.sigma, c.size, kind, i, gv[i], want[i])
					}
				}
			}
		}
	}
}

// TestFoldedKernelsAreBoundedByTheLine: whatever sigma or size, a kernel
// has no more taps than its line's border pattern can give distinct values
// for, so neither time nor memory follows the parameter (sigma 1e4 took two
// minutes on a 20x30 image, size 100001 one).
func TestFoldedKernelsAreBoundedByTheLine(t *testing.T) {
	for _, n := range []int{1, 2, 3, 20, 31} {
		for _, m := range modes {
			R, p := pattern(n, m)
			for _, sigma := range []float64{0.5, 3, 1e4, 1e6} {
				k := gaussianKernel[float64](sigma, 4, n, m)
				sum := k.w[0]
				for _, v := range k.w[1:] {
					sum += 2 * v
				}
				if len(k.w) > max(R, 0)+1 && len(k.w) > Radius(sigma, 4)+1 || math.Abs(sum-1) > 1e-12 {
					t.Fatalf("n=%d %v sigma %g: %d taps (pattern radius %d), weights sum to %v", n, m, sigma, len(k.w), R, sum)
				}
				if Radius(sigma, 4) > R && len(k.w) != R+1 {
					t.Fatalf("n=%d %v sigma %g: %d taps, want the folded %d", n, m, sigma, len(k.w), R+1)
				}
			}
			for _, size := range []int{3, 2*n + 1, 100001, 1 << 40} {
				k := foldBox(kern1d[float64]{before: size / 2, after: size - 1 - size/2, box: true, n: n}, n, m)
				limit := max(p, n+1)
				if k.before >= limit || k.after >= limit && size > 3 {
					t.Fatalf("n=%d %v size %d: window [-%d, %d], want within the pattern (%d)", n, m, size, k.before, k.after, limit)
				}
				covered := float64(k.before+k.after+1) + float64(k.periods)*float64(p) + float64(k.left+k.right)
				if covered != float64(size) {
					t.Fatalf("n=%d %v size %d: the folded box covers %v offsets", n, m, size, covered)
				}
			}
		}
	}
}

// TestHugeParametersRefusedOrBounded runs in a child process (without the
// bounds these calls end the process out of memory, or run for hours):
// sigma 1e9 or 1e300 and truncate 1e300 are refused with an error naming
// sigma; Radius saturates instead of going negative; a box of 10^9 pixels
// on a 20x30 image is computed at the cost of a small one, and is the
// image's mean up to the partial period it covers.
func TestHugeParametersRefusedOrBounded(t *testing.T) {
	if !childtest.InChild(t, 3*time.Minute) {
		return
	}
	rng := rand.New(rand.NewPCG(4, 4))
	img, _ := realImage(rng, 30, 20)
	for _, c := range []struct{ sigma, truncate float64 }{{1e9, 4}, {1e300, 4}, {1, 1e300}, {1, math.Inf(1)}, {2e7, 4}} {
		_, err := Gaussian(img, c.sigma, WithTruncate(c.truncate))
		if !errors.Is(err, ErrParam) || !errors.Is(err, gips.ErrTooLarge) || !strings.Contains(err.Error(), "sigma") {
			t.Errorf("Gaussian(sigma %g, truncate %g) = %v, want ErrParam and ErrTooLarge naming sigma", c.sigma, c.truncate, err)
		}
		if r := Radius(c.sigma, c.truncate); r != MaxRadius {
			t.Errorf("Radius(%g, %g) = %d, want MaxRadius", c.sigma, c.truncate, r)
		}
	}
	for _, c := range []struct{ sigma, truncate float64 }{{math.NaN(), 4}, {1, math.NaN()}, {-1, 4}, {0, math.Inf(1)}} {
		if r := Radius(c.sigma, c.truncate); r < 0 || r > MaxRadius {
			t.Errorf("Radius(%v, %v) = %d", c.sigma, c.truncate, r)
		}
	}
	// A 2D image ignores sz, whatever it is.
	if _, err := GaussianXYZ(img, 1, 1, 1e300); err != nil {
		t.Errorf("GaussianXYZ(2D, sz 1e300) = %v", err)
	}
	vals := imgtest.ImageValues(t, img)
	mean, lo, hi := 0.0, math.Inf(1), math.Inf(-1)
	for _, v := range vals {
		mean, lo, hi = mean+v/float64(len(vals)), min(lo, v), max(hi, v)
	}
	for _, m := range modes {
		f, err := Mean(img, 1e9, WithMode(m), WithOutput(gips.Real64), WithCval(500))
		if err != nil {
			t.Fatalf("Mean(size 1e9, %v) = %v", m, err)
		}
		for i, v := range imgtest.ImageValues(t, f) {
			if m == Wrap && math.Abs(v-mean) > 2*60*(hi-lo)/1e9 { // whole periods but one partial
				t.Fatalf("Mean(size 1e9, wrap) pixel %d = %v, want the image mean %v", i, v, mean)
			}
			if !(v >= min(lo, 500) && v <= max(hi, 500)) {
				t.Fatalf("Mean(size 1e9, %v) pixel %d = %v outside the values read", m, i, v)
			}
		}
	}
}

// TestBinaryInputsReadAsZeroOne: a Binary image is any byte, non-zero
// meaning true: masks holding 0/1, 0/255 and (from an int8 array) 0/-1 give
// identical Gaussian and mean results, in every mode, 2D and 3D.
func TestBinaryInputsReadAsZeroOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 7))
	for _, shape := range [][]int{{9, 11}, {3, 5, 7}} {
		n := 1
		for _, s := range shape {
			n *= s
		}
		u1, u255, i8 := make([]uint8, n), make([]uint8, n), make([]int8, n)
		for i := range u1 {
			if rng.IntN(3) == 0 {
				u1[i], u255[i], i8[i] = 1, 255, -1
			}
		}
		var masks []*gips.Image
		for _, a := range []gips.Array{gips.ArrayOf(u1, shape...), gips.ArrayOf(u255, shape...), gips.ArrayOf(i8, shape...)} {
			m, err := gips.FromBinaryArray(a)
			if err != nil {
				t.Fatal(err)
			}
			masks = append(masks, m)
		}
		for _, m := range modes {
			for name, f := range map[string]func(*gips.Image) (*gips.Image, error){
				"gaussian": func(img *gips.Image) (*gips.Image, error) { return Gaussian(img, 1.5, WithMode(m)) },
				"mean":     func(img *gips.Image) (*gips.Image, error) { return Mean(img, 3, WithMode(m)) },
				"mean u8":  func(img *gips.Image) (*gips.Image, error) { return Mean(img, 4, WithMode(m), WithOutput(gips.UInt8)) },
			} {
				var want []float64
				for k, mask := range masks {
					out, err := f(mask)
					if err != nil {
						t.Fatal(err)
					}
					got := imgtest.ImageValues(t, out)
					if k == 0 {
						want = got
						continue
					}
					for i := range want {
						if got[i] != want[i] {
							t.Fatalf("%v %s %v: mask %d pixel %d = %v, the 0/1 mask gives %v", shape, name, m, k, i, got[i], want[i])
						}
					}
				}
				if name == "mean u8" && slicesMax(want) > 1 {
					t.Fatalf("%v %s %v: a mean of 0/1 values above 1", shape, name, m)
				}
			}
		}
	}
}

func slicesMax(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = max(m, x)
	}
	return m
}

// TestMeanRadiusSaturates: the box halo is size/2, never negative, at most
// MaxRadius, whatever the value (int(1e300) is not defined in Go).
func TestMeanRadiusSaturates(t *testing.T) {
	for _, c := range []struct {
		size float64
		want int
	}{{1, 0}, {2, 1}, {3, 1}, {100001, 50000}, {1e300, MaxRadius}, {math.Inf(1), MaxRadius},
		{math.NaN(), 0}, {-5, 0}, {0, 0}, {2 * MaxRadius, MaxRadius}} {
		if got := MeanRadius(c.size); got != c.want {
			t.Errorf("MeanRadius(%v) = %d, want %d", c.size, got, c.want)
		}
	}
}
