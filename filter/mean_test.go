package filter

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

func pyList(sizes [][3]int) string {
	var parts []string
	for _, s := range sizes {
		parts = append(parts, fmt.Sprintf("(%d, %d, %d)", s[0], s[1], s[2]))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func pyModes() string {
	var parts []string
	for _, m := range modes {
		parts = append(parts, fmt.Sprintf("%q", m.String()))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// TestMeanMatchesScipyAllModes compares the box filter with
// scipy.ndimage.uniform_filter in every mode, every type, shape and layout,
// with odd and even sizes (even ones are off-centre) and sizes wider than
// the image. Integer outputs (the default) are exact: scipy's float64 sums
// rounded to integers are the box sums, and the reference mean is their
// integer quotient rounded half away from zero. Real32 output: within 1e-6
// of the input range.
func TestMeanMatchesScipyAllModes(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	sizes := [][3]int{{3, 4, 2}, {25, 1, 9}}
	const cval = 7
	inp := map[string]gips.Array{}
	all := map[gips.BufferType][]imgtest.Sample{}
	for _, bt := range imgtest.NumericTypes {
		all[bt] = imgtest.Samples(t, rng, bt, nil)
		for _, c := range all[bt] {
			inp[c.Name] = c.Arr
		}
	}
	py := fmt.Sprintf(`import scipy.ndimage as ndi
for name, a in inp.items():
    kind = name.split("_")[1]
    for k, (sx, sy, sz) in enumerate(%[1]s):
        size, n = ((sz, sy, sx), sx*sy*sz) if kind.startswith("3d") else ((1, sy, sx), sx*sy) if kind == "mc" else ((1, sz, sy, sx), sx*sy*sz) if kind == "mc3d" else ((sy, sx), sx*sy)
        r = np.stack([ndi.uniform_filter(a.astype(np.float64), size, mode=m, cval=%[3]d) for m in %[2]s])
        out[f"{name}_{k}"] = r
        if a.dtype.kind != "f":
            S = np.rint(r * n).astype(np.int64); q = (2 * np.abs(S) + n) // (2 * n)
            out[f"{name}_{k}_int"] = (np.sign(S) * q).astype(np.float64)
`, pyList(sizes), pyModes(), cval)
	ref := testref.Run(t, py, inp)
	for _, bt := range imgtest.NumericTypes {
		t.Run(bt.String(), func(t *testing.T) {
			lo, hi := bt.Range()
			for _, c := range all[bt] {
				rng := max(valueRange(imgtest.ImageValues(t, c.Img)), 1)
				for k, s := range sizes {
					for mi, m := range modes {
						key := fmt.Sprint(c.Name, "_", k)
						r, ri := ref[key].Index(0, mi), gips.Array{}
						if !bt.IsFloat() {
							ri = ref[key+"_int"].Index(0, mi)
						}
						f, err := MeanXYZ(c.Img, s[0], s[1], s[2], WithMode(m), WithCval(cval), WithOutput(gips.Real32))
						if err != nil {
							t.Fatal(err)
						}
						got, want := imgtest.ImageValues(t, f), imgtest.Values(r)
						for i := range want {
							if math.Abs(got[i]-want[i]) > 1e-6*rng {
								t.Fatalf("%s %v size %v: pixel %d: got %v, scipy %v", key, m, s, i, got[i], want[i])
							}
						}
						if bt.IsFloat() {
							continue
						}
						typed, err := MeanXYZ(c.Img, s[0], s[1], s[2], WithMode(m), WithCval(cval))
						if err != nil {
							t.Fatal(err)
						}
						if typed.Type() != bt {
							t.Fatalf("%s %v: output %v, want the input's type", key, m, typed.Type())
						}
						got, want = imgtest.ImageValues(t, typed), imgtest.Values(ri)
						for i := range want {
							if w := min(max(want[i], lo), hi); got[i] != w {
								t.Fatalf("%s %v size %v as %v: pixel %d: got %v, want %v", key, m, s, bt, i, got[i], w)
							}
						}
					}
				}
			}
		})
	}
}
