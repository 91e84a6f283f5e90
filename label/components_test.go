package label

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// compTypes are the types labelling accepts.
var compTypes = []gips.BufferType{gips.Binary, gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.UInt32, gips.Int32,
	gips.Label8, gips.Label16, gips.Label32}

// few draws from a few values, 0 about 40% of the time, so that components
// of every size and equal-value neighbours of different values are common;
// Binary images also hold 2 and 255 (any nonzero byte is foreground).
func few(bt gips.BufferType, rng *rand.Rand) func() float64 {
	lo, hi := bt.Range()
	vals := []float64{1, 2, hi}
	if bt.IsSigned() {
		vals = append(vals, -1, lo)
	}
	if bt == gips.Binary {
		vals = []float64{1, 1, 1, 2, 255}
	}
	return func() float64 {
		if rng.IntN(5) < 2 {
			return 0
		}
		return vals[rng.IntN(len(vals))]
	}
}

// refLabel is Python: lab(a, vol, conn, binary) labels each channel of a
// (the leading axis when a has more axes than the image's ndim) with
// scipy.ndimage.label (Binary: nonzero is foreground) or
// skimage.measure.label (equal values join), numbering on.
const refLabel = `
import scipy.ndimage as ndi, skimage.measure as skm
def lab1(a, conn, binary):
    if binary:
        return ndi.label(a != 0, ndi.generate_binary_structure(a.ndim, conn))[0].astype(np.int64)
    return skm.label(a, background=0, connectivity=conn).astype(np.int64)
def lab(a, vol, conn, binary):
    nd = 3 if vol else 2
    conn = conn or nd
    if a.ndim == nd:
        return lab1(a, conn, binary)
    out, off = [], 0
    for ch in a:
        l = lab1(ch, conn, binary)
        l[l > 0] += off
        off = max(off, l.max())
        out.append(l)
    return np.stack(out)
`

func conns(g gips.Geometry) []gips.Connectivity {
	if g.Volume {
		return []gips.Connectivity{0, 1, 2, 3}
	}
	return []gips.Connectivity{0, 1, 2}
}

// TestComponentsMatchScipyAndSkimage: every accepted type in every Grid
// layout at every connectivity, equal pixel for pixel to scipy.ndimage.label
// (Binary) or skimage.measure.label (equal values join), with the slabs'
// faces in many places: one slab (serial), the default, 3 slabs and one
// slab per row.
func TestComponentsMatchScipyAndSkimage(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	inp := map[string]gips.Array{}
	var py strings.Builder
	py.WriteString(refLabel)
	var all []imgtest.Sample
	for _, bt := range compTypes {
		for _, s := range imgtest.Samples(t, rng, bt, few(bt, rng)) {
			all = append(all, s)
			inp[s.Name] = s.Arr
			g := s.Img.Geometry()
			for _, c := range conns(g) {
				fmt.Fprintf(&py, "out[%q] = lab(inp[%q], %v, %d, %v).astype(np.int32)\n", fmt.Sprint(s.Name, "_", c), s.Name,
					map[bool]string{true: "True", false: "False"}[g.Volume], c, map[bool]string{true: "True", false: "False"}[bt == gips.Binary])
			}
		}
	}
	ref := testref.Run(t, py.String(), inp)
	defer func(n int) { slabCount = n }(slabCount)
	for _, ns := range []int{1, 0, 3, 1 << 20} {
		slabCount = ns
		for _, s := range all {
			for _, c := range conns(s.Img.Geometry()) {
				name := fmt.Sprint(s.Name, "_", c)
				want := ref[name]
				got, n, err := Components(s.Img, c)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if got.Type() != gips.Label16 {
					t.Errorf("%s: output %v, want Label16", name, got.Type())
				}
				wv := imgtest.Values(want)
				mx := 0.0
				for _, v := range wv {
					mx = max(mx, v)
				}
				if n != int(mx) {
					t.Errorf("%s slabs %d: %d components, reference %v", name, ns, n, mx)
				}
				if k, err := Count(s.Img, c); k != n || err != nil {
					t.Errorf("%s: Count %d (%v), Components %d", name, k, err, n)
				}
				gv := imgtest.ImageValues(t, got)
				for i := range wv {
					if gv[i] != wv[i] {
						t.Errorf("%s slabs %d: pixel %d label %v, reference %v", name, ns, i, gv[i], wv[i])
						break
					}
				}
			}
		}
	}
}

// TestPromotionPast65535: 90000 isolated pixels (8-connected) come out
// Label32, equal to scipy; a Label16 destination is refused untouched.
func TestPromotionPast65535(t *testing.T) {
	const n = 600
	pix := make([]uint8, n*n)
	for y := 0; y < n; y += 2 {
		for x := 0; x < n; x += 2 {
			pix[y*n+x] = 1
		}
	}
	a := gips.ArrayOf(pix, n, n)
	img, _ := gips.FromArrayGeometry(a, gips.Geometry2d(gips.Binary, n, n))
	ref := testref.Run(t, `import scipy.ndimage as ndi
out["l"] = ndi.label(inp["a"], np.ones((3, 3)))[0].astype(np.uint32)`, map[string]gips.Array{"a": a})
	got, k, err := Components(img, gips.Full)
	if err != nil || k != 90000 || got.Type() != gips.Label32 {
		t.Fatalf("%d components, %v, %v", k, got, err)
	}
	ga, _ := got.Array()
	imgtest.Equal(t, "promoted", ga, ref["l"])
	small, _ := gips.CreateImage(gips.Geometry2d(gips.Label16, n, n))
	if _, err := ComponentsInto(small, img, gips.Full); err == nil || !strings.Contains(err.Error(), "Label16") {
		t.Errorf("Label16 destination for 90000 components: %v", err)
	}
	for _, v := range small.Row(0, 0) {
		if v != 0 {
			t.Fatal("the refused destination was written")
		}
	}
}

// TestComponentsBadInput: a float image, connectivity 3 on a 2D image, a
// destination of other sizes or type, are errors naming what is wrong.
func TestComponentsBadInput(t *testing.T) {
	f, _ := gips.CreateImage(gips.Geometry2d(gips.Real32, 4, 4))
	if _, _, err := Components(f, 0); err == nil || !strings.Contains(err.Error(), "Real32") {
		t.Errorf("float image: %v", err)
	}
	b, _ := gips.CreateImage(gips.Geometry2d(gips.Binary, 4, 4))
	if _, _, err := Components(b, 3); err == nil || !strings.Contains(err.Error(), "connectivity") {
		t.Errorf("connectivity 3 in 2D: %v", err)
	}
	d, _ := gips.CreateImage(gips.Geometry2d(gips.Label16, 4, 5))
	if _, err := ComponentsInto(d, b, 0); err == nil {
		t.Error("destination of other sizes accepted")
	}
	d, _ = gips.CreateImage(gips.Geometry2d(gips.Real32, 4, 4))
	if _, err := ComponentsInto(d, b, 0); err == nil {
		t.Error("float destination accepted")
	}
	if _, _, err := Components(b, 0, WithOutput(gips.Binary)); err == nil {
		t.Error("Binary output accepted")
	}
}

// TestComponentsInPlace: a Label32 image relabelled into itself equals the
// labelling into a new image.
func TestComponentsInPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pix := make([]uint32, 40*30)
	for i := range pix {
		pix[i] = uint32(rng.IntN(3))
	}
	img, _ := gips.FromArrayGeometry(gips.ArrayOf(pix, 30, 40), gips.Geometry2d(gips.Label32, 40, 30))
	want, _, err := Components(img, gips.Conn4, WithOutput(gips.Label32))
	if err != nil {
		t.Fatal(err)
	}
	wv := imgtest.ImageValues(t, want)
	if _, err := ComponentsInto(img, img, gips.Conn4); err != nil {
		t.Fatal(err)
	}
	for i, v := range imgtest.ImageValues(t, img) {
		if v != wv[i] {
			t.Fatalf("in place: pixel %d = %v, want %v", i, v, wv[i])
		}
	}
}

// TestByteRunsAgainstBytewise: the 64-at-a-time run scan and count of
// Binary rows equal a byte-by-byte scan, on rows of every length to 40
// with zero, one and 255 bytes, and of lengths past one and two 64-byte
// blocks.
func TestByteRunsAgainstBytewise(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, n := range append(seq(0, 40), seq(60, 200)...) {
		for range 200 {
			row := make([]uint8, n)
			sticky := rng.IntN(2) == 0 // long runs of zeros and nonzeros
			for i := range row {
				row[i] = []uint8{0, 0, 1, 255, 7}[rng.IntN(5)]
				if sticky && i > 0 && rng.IntN(30) != 0 {
					row[i] = row[i-1]
				}
			}
			var want []run
			for x := 0; x < n; {
				for x < n && row[x] == 0 {
					x++
				}
				s := x
				for x < n && row[x] != 0 {
					x++
				}
				if x > s {
					want = append(want, run{int32(s), int32(x)})
				}
			}
			m := make([]uint64, maskWords(n))
			got := make([]run, n)
			got = got[:byteRuns(row, m, got)]
			if fmt.Sprint(got) != fmt.Sprint(want) || countByteRuns(row, m) != len(want) {
				t.Fatalf("%v: runs %v count %d, want %v", row, got, countByteRuns(row, m), want)
			}
			// Exactly as long as the runs (maskRuns' four-edge writes
			// must stop at its end), and as long inside a longer list
			// whose elements before it are kept.
			exact := make([]run, len(want))
			if k := byteRuns(row, m, exact); k != len(want) || fmt.Sprint(exact) != fmt.Sprint(want) {
				t.Fatalf("%v: runs %v in an exact list, want %v", row, exact, want)
			}
			long := make([]run, len(want)+5)
			long[0] = run{-1, -2}
			if k := byteRuns(row, m, long[1:1+len(want)]); k != len(want) || fmt.Sprint(long[1:1+k]) != fmt.Sprint(want) || long[0] != (run{-1, -2}) {
				t.Fatalf("%v: runs %v (before them %v) inside a list, want %v", row, long[1:1+k], long[0], want)
			}
			if c := countRuns(row, true); c != len(want) {
				t.Fatalf("%v: countRuns %d, want %d", row, c, len(want))
			}
		}
	}
}

// TestRowMaskSIMDMatchesGo: the AVX2 and AVX-512 masks of a row's nonzero
// bytes (GOEXPERIMENT=simd builds) equal the word loop's, block for block,
// on rows of random bytes, zeros and 0x80s (the sign bit the compare must
// not take for zero). Without AVX2 or the experiment it checks nothing
// more than that the kernel declines.
func TestRowMaskSIMDMatchesGo(t *testing.T) {
	defer func(w bool) { maskAVX512 = w }(maskAVX512)
	wides := []bool{false}
	if maskAVX512 {
		wides = append(wides, true)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, wide := range wides {
		maskAVX512 = wide
		for _, n := range []int{0, 63, 64, 65, 127, 128, 200, 512, 4096 + 17} {
			row := make([]uint8, n)
			for i := range row {
				row[i] = []uint8{0, 0, 0x80, 1, uint8(rng.IntN(256))}[rng.IntN(5)]
			}
			m := make([]uint64, maskWords(n))
			k := simdRowMask(row, m)
			if !haveAVX2 && k != 0 {
				t.Fatalf("n %d: %d blocks without AVX2", n, k)
			}
			for b := range k {
				if want := mask64(row[64*b:]); m[b] != want {
					t.Fatalf("avx512 %v n %d block %d: %016x, word loop %016x", wide, n, b, m[b], want)
				}
			}
		}
	}
}

func seq(a, b int) []int {
	var s []int
	for i := a; i <= b; i++ {
		s = append(s, i)
	}
	return s
}

// TestComponentsWideBlobs: Binary blobs with ragged edges on rows longer
// than the 64-byte blocks of the run scan, 2D and 3D at every
// connectivity, equal to scipy.ndimage.label with the slab faces in many
// places (one slab, the default, 5, one per row).
func TestComponentsWideBlobs(t *testing.T) {
	imgs := map[string]*gips.Image{"b2": imgtest.Blobs(301, 67, 1, false), "b3": imgtest.Blobs(157, 41, 19, true)}
	inp := map[string]gips.Array{}
	var py strings.Builder
	py.WriteString("import scipy.ndimage as ndi\n")
	for name, img := range imgs {
		inp[name], _ = img.Array()
		for _, c := range conns(img.Geometry()) {
			fmt.Fprintf(&py, "out['%s_%d'] = ndi.label(inp[%q] != 0, ndi.generate_binary_structure(inp[%q].ndim, %d or inp[%q].ndim))[0].astype(np.int32)\n",
				name, c, name, name, c, name)
		}
	}
	ref := testref.Run(t, py.String(), inp)
	defer func(n int) { slabCount = n }(slabCount)
	for _, ns := range []int{1, 0, 5, 1 << 20} {
		slabCount = ns
		for name, img := range imgs {
			for _, c := range conns(img.Geometry()) {
				key := fmt.Sprint(name, "_", c)
				got, _, err := Components(img, c, WithOutput(gips.Int32))
				if err != nil {
					t.Fatal(err)
				}
				ga, _ := got.Array()
				imgtest.Equal(t, fmt.Sprint(key, " slabs ", ns), ga, ref[key])
			}
		}
	}
}
