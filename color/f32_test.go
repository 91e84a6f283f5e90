package color

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// f32Image is a Real32 RGB image of width w and height h whose three
// channels hold gen's values.
func f32Image(t *testing.T, w, h int, gen func(c int) float32) *gips.Image {
	t.Helper()
	img, err := gips.CreateImage(gips.GeometryRgb2d(gips.Real32, w, h))
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := gips.WritablePlanes[float32](img)
	for c, p := range ps {
		for y := range h {
			for x := range p.Row(y) {
				p.Row(y)[x] = gen(c)
			}
		}
	}
	return img
}

// f32Values is every pixel of a Real32 image, plane after plane.
func f32Values(t *testing.T, img *gips.Image) []float32 {
	t.Helper()
	ps, err := gips.Planes[float32](img)
	if err != nil {
		t.Fatal(err)
	}
	var out []float32
	for _, p := range ps {
		for y := range p.Height {
			out = append(out, p.Row(y)...)
		}
	}
	return out
}

// TestF32SIMDIsGo: float32 in and out, every conversion gives the same
// float32s with their AVX-512 and AVX2 loops (GOEXPERIMENT=simd
// on an AVX2 machine; otherwise both runs are the Go path) as through the
// float64 row kernels alone, and with the large image's kernels (avx2Min
// 0: rgbToYCbCr's AVX2 loop): rows of every width up to 40 (the steps
// and the tails), values in [0, 1] with ties among the channels (on which
// hsv's choice of formula turns) and the odd ones: NaN, ±0, ±Inf,
// negatives, above 1, hues outside [0, 1]; and in place (dst = src). A NaN
// result is only compared as NaN (the vector and scalar additions may
// carry another payload).
func TestF32SIMDIsGo(t *testing.T) {
	odd := []float32{float32(math.NaN()), float32(math.Copysign(0, -1)), 0, float32(math.Inf(1)), float32(math.Inf(-1)),
		-0.25, 1.5, 1, 7, -3, 1e-30}
	rng := rand.New(rand.NewPCG(21, 22))
	large := avx2Min
	convs := []struct {
		name string
		f    func(*gips.Image, ...Option) (*gips.Image, error)
		into func(dst, src *gips.Image) error
	}{
		{"rgbToGrey", RgbToGrey, nil},
		{"rgbToYCbCr", RgbToYCbCr, RgbToYCbCrInto},
		{"rgbToHsv", RgbToHsv, RgbToHsvInto},
		{"hsvToRgb", HsvToRgb, HsvToRgbInto},
		{"rgbToLab", RgbToLab, RgbToLabInto},
		{"labToRgb", LabToRgb, LabToRgbInto},
	}
	for _, c := range convs {
		for w := 1; w <= 40; w++ {
			for _, oddShare := range []int{0, 8} {
				img := f32Image(t, w, 3, func(int) float32 {
					if oddShare > 0 && rng.IntN(oddShare) == 0 {
						return odd[rng.IntN(len(odd))]
					}
					if rng.IntN(3) == 0 {
						return float32(rng.IntN(7)) / 6 // ties, sector edges
					}
					return rng.Float32()
				})
				// The SIMD loops in both forms (AVX-512, AVX2), the large
				// image's, then Go.
				var runs [4][]float32
				for i, goOnly := range []bool{false, false, false, true} {
					useGo, avx2Only = goOnly, i == 1
					if i == 2 {
						avx2Min = 0
					}
					out, err := c.f(img)
					if err == nil && c.into != nil {
						// In place: a copy of the input converted into itself.
						cp, _ := gips.Copy(img)
						err = c.into(cp, cp)
						if err == nil && !sameF32(f32Values(t, cp), f32Values(t, out)) {
							t.Fatalf("%s width %d (Go only %v): in place differs from the new image", c.name, w, goOnly)
						}
					}
					useGo, avx2Only, avx2Min = false, false, large
					if err != nil {
						t.Fatal(err)
					}
					if out.Type() != gips.Real32 {
						t.Fatalf("%s: output %v", c.name, out.Type())
					}
					runs[i] = f32Values(t, out)
				}
				for k, form := range []string{"AVX-512", "AVX2", "large image"} {
					if !sameF32(runs[k], runs[3]) {
						in := f32Values(t, img)
						for i := range runs[k] {
							if !sameF32(runs[k][i:i+1], runs[3][i:i+1]) {
								t.Fatalf("%s width %d value %d: SIMD (%s where the machine has it) %v, Go %v (input %v)", c.name, w, i, form, runs[k][i], runs[3][i], in)
							}
						}
					}
				}
			}
		}
	}
}

// sameF32 is a and b equal bit for bit, any NaN equal to any NaN.
func sameF32(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) && !(a[i] != a[i] && b[i] != b[i]) {
			return false
		}
	}
	return true
}

// BenchmarkF32Into is every float32 conversion of a 2048² image of values
// in [0, 1] into a preallocated float32 image: the kernels' own time.
func BenchmarkF32Into(b *testing.B) {
	const n = 2048
	rng := rand.New(rand.NewPCG(1, 2))
	img, _ := gips.CreateImage(gips.GeometryRgb2d(gips.Real32, n, n))
	ps, _ := gips.WritablePlanes[float32](img)
	for _, p := range ps {
		for i := range p.Pix {
			p.Pix[i] = rng.Float32()
		}
	}
	hsvImg, _ := RgbToHsv(img)
	labImg, _ := RgbToLab(img)
	three, _ := gips.CreateImage(gips.GeometryRgb2d(gips.Real32, n, n))
	one, _ := gips.CreateImage(gips.Geometry2d(gips.Real32, n, n))
	for _, c := range []struct {
		name     string
		into     func(dst, src *gips.Image) error
		dst, src *gips.Image
	}{
		{"grey", RgbToGreyInto, one, img}, {"hsv", RgbToHsvInto, three, img}, {"hsvToRgb", HsvToRgbInto, three, hsvImg},
		{"lab", RgbToLabInto, three, img}, {"labToRgb", LabToRgbInto, three, labImg}, {"ycbcr", RgbToYCbCrInto, three, img},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(n * n * 4 * (3 + c.dst.SizeC())))
			for range b.N {
				if err := c.into(c.dst, c.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestF32AlignedRuns: on runs long enough for alignHead, at every 4-byte
// offset from a cache line (inputs and outputs apart), the float32 rows
// (Go head, SIMD body, Go tail) give the Go twin's float32s.
func TestF32AlignedRuns(t *testing.T) {
	twins := map[string]func(o0, o1, o2, a, b, c []float32){
		toGrey.name:  func(o, _, _, r, g, b []float32) { greyRow32(o, r, g, b) },
		toYCbCr.name: ycbcrRow32,
		toHsv.name:   hsvRow32,
		fromHsv.name: rgbFromHsvRow32,
	}
	const n = alignMin + 37
	rng := rand.New(rand.NewPCG(31, 32))
	for name, twin := range twins {
		for _, off := range [][2]int{{0, 0}, {4, 0}, {16, 48}, {32, 32}, {60, 8}} {
			var in, got, want [3][]float32
			for c := range 3 {
				in[c] = offsetF32(n, off[0])
				for i := range in[c] {
					in[c][i] = rng.Float32()
				}
				got[c], want[c] = offsetF32(n, off[1]), make([]float32, n)
			}
			in[0][5], in[1][n/2] = float32(math.NaN()), float32(math.Copysign(0, -1))
			if name == toGrey.name {
				got[1], got[2], want[1], want[2] = nil, nil, nil, nil
			}
			aligned := off[1] // the three outputs' offset, rgbToGrey's inputs'
			if name == toGrey.name {
				aligned = off[0]
			}
			if h, want := alignHead(got[0], got[1], in[0]), (64-aligned)%64/4; h != want {
				t.Fatalf("%s offsets %v: a head of %d pixels, want %d", name, off, h, want)
			}
			f32Rows[name](got[0], got[1], got[2], in[0], in[1], in[2])
			twin(want[0], want[1], want[2], in[0], in[1], in[2])
			for c := range 3 {
				for i := range got[c] {
					if g, w := got[c][i], want[c][i]; g != w && !(g != g && w != w) {
						t.Fatalf("%s offsets %v: channel %d pixel %d: %v, want %v", name, off, c, i, g, w)
					}
				}
			}
		}
	}
}
