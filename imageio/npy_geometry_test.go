package imageio

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/testref"
)

// TestNpyNumpyArraysReadByTheAxisRule: arrays that numpy writes, of 2 to 5
// dimensions, load (and map) as the geometry the documented rule gives,
// with numpy's pixels.
func TestNpyNumpyArraysReadByTheAxisRule(t *testing.T) {
	type tc struct {
		shape []int
		want  gips.Geometry
	}
	cases := []tc{
		{[]int{4, 5}, gips.Geometry2d(gips.UInt16, 5, 4)},
		{[]int{3, 4, 5}, gips.Geometry3d(gips.UInt16, 5, 4, 3)},
		{[]int{3, 2, 4, 5}, gips.GeometryRgb3d(gips.UInt16, 5, 4, 2)},
		{[]int{2, 3, 4, 5}, gips.GeometryMultiChannel3d(gips.UInt16, 5, 4, 3, 2)},
		{[]int{1, 3, 4, 5}, gips.Geometry3d(gips.UInt16, 5, 4, 3)},
		{[]int{2, 3, 6, 4, 5}, withT(gips.GeometryRgb3d(gips.UInt16, 5, 4, 6), 2)},
		{[]int{2, 4, 6, 4, 5}, withT(gips.GeometryMultiChannel3d(gips.UInt16, 5, 4, 6, 4), 2)},
		{[]int{3, 1, 6, 4, 5}, gips.GeometrySequence3d(gips.UInt16, 5, 4, 6, 3)},
		{[]int{3, 2, 1, 4, 5}, withT(gips.GeometryMultiChannel2d(gips.UInt16, 5, 4, 2), 3)},
		{[]int{3, 1, 1, 4, 5}, gips.GeometrySequence2d(gips.UInt16, 5, 4, 3)},
	}
	// One reference run writes every file (a Python start per case costs
	// more than the test).
	dir := t.TempDir()
	var shapes []int
	for _, c := range cases {
		shapes = append(shapes, len(c.shape))
		shapes = append(shapes, c.shape...)
	}
	out := testref.Run(t, `s = list(inp['shapes'])
i = 0
while s:
    n, shape, s = s[0], tuple(s[1:1 + s[0]]), s[1 + s[0]:]
    a = np.arange(int(np.prod(shape)), dtype='<u2').reshape(shape)
    np.save(bytes(inp['dir']).decode() + '/a%d.npy' % i, a)
    out['a%d' % i] = a
    i += 1`, map[string]gips.Array{"dir": pathArray(dir), "shapes": shapeArray(shapes)})
	for i, c := range cases {
		t.Run(fmt.Sprint(c.shape), func(t *testing.T) {
			path := filepath.Join(dir, fmt.Sprintf("a%d.npy", i))
			want := out[fmt.Sprintf("a%d", i)]
			want.Shape = c.want.Shape() // same C-order pixels, in the geometry's numpy shape
			img, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if img.Geometry() != c.want {
				t.Fatalf("Load: geometry %v, want %v", img.Geometry(), c.want)
			}
			checkAgainst(t, img, want)
			d, err := Open(path, ReadOnly)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			if d.Geometry() != c.want {
				t.Fatalf("Open: geometry %v, want %v", d.Geometry(), c.want)
			}
			checkAgainst(t, d.Image, want)
		})
	}
}

func withT(g gips.Geometry, st int) gips.Geometry {
	g.SizeT, g.Sequence = st, true
	return g
}

// TestNpyRoundTripEveryGeometry saves images of every layout as .npy and
// loads them back: the geometry comes back whole where the axis rule can
// tell (the 4D ambiguities are written in 5D), and the documented way
// where it cannot. numpy reads every file with the pixels in C order.
func TestNpyRoundTripEveryGeometry(t *testing.T) {
	mc3 := gips.GeometryMultiChannel3d(gips.UInt8, 7, 5, 2, 3)
	type tc struct {
		g, back gips.Geometry // back: what Load gives (zero: g itself)
		shape   []int         // the numpy shape of the file
	}
	cases := []tc{
		{g: gips.Geometry2d(gips.UInt16, 7, 5), shape: []int{5, 7}},
		{g: gips.Geometry3d(gips.Real32, 7, 5, 2), shape: []int{2, 5, 7}},
		{g: gips.GeometryRgb3d(gips.UInt8, 7, 5, 2), shape: []int{3, 2, 5, 7}},
		{g: gips.GeometryMultiChannel3d(gips.Int16, 7, 5, 2, 4), shape: []int{4, 2, 5, 7}},
		{g: gips.GeometrySequence3d(gips.UInt16, 7, 5, 2, 3), shape: []int{3, 1, 2, 5, 7}},
		{g: withT(gips.GeometryMultiChannel2d(gips.UInt8, 7, 5, 2), 3), shape: []int{3, 2, 1, 5, 7}},
		{g: withT(gips.GeometryRgb2d(gips.UInt8, 7, 5), 2), shape: []int{2, 3, 1, 5, 7}},
		{g: withT(gips.GeometryRgb3d(gips.Binary, 7, 5, 2), 2), shape: []int{2, 3, 2, 5, 7}},
		// 2D and 3D shapes stay as numpy users expect them, and read back
		// by the 3D rule; three channels read back as RGB.
		{g: gips.GeometryRgb2d(gips.UInt8, 7, 5), back: gips.Geometry3d(gips.UInt8, 7, 5, 3), shape: []int{3, 5, 7}},
		{g: gips.GeometrySequence2d(gips.UInt8, 7, 5, 4), back: gips.Geometry3d(gips.UInt8, 7, 5, 4), shape: []int{4, 5, 7}},
		{g: mc3, back: gips.GeometryRgb3d(gips.UInt8, 7, 5, 2), shape: []int{3, 2, 5, 7}},
	}
	dir := t.TempDir()
	imgs := make([]*gips.Image, len(cases))
	for i, c := range cases {
		imgs[i] = randomImage(t, c.g, uint64(11+i))
		if err := Save(filepath.Join(dir, fmt.Sprintf("a%d.npy", i)), imgs[i], nil); err != nil {
			t.Fatal(err)
		}
	}
	out := testref.Run(t, `for i in range(int(inp['n'][0])):
    a = np.load(bytes(inp['dir']).decode() + '/a%d.npy' % i)
    out['shape%d' % i] = np.array(a.shape, np.int32)
    out['a%d' % i] = a.ravel()`, map[string]gips.Array{"dir": pathArray(dir), "n": shapeArray([]int{len(cases)})})
	for i, c := range cases {
		t.Run(c.g.String(), func(t *testing.T) {
			img := imgs[i]
			if got := intsOf(out[fmt.Sprintf("shape%d", i)]); !equalInts(got, c.shape) {
				t.Errorf("numpy reads shape %v, want %v", got, c.shape)
			}
			if got := out[fmt.Sprintf("a%d", i)].Data; string(got) != string(imageArray(t, img).Data) {
				t.Errorf("numpy reads other pixels than the image's, in C order")
			}
			back, err := Load(filepath.Join(dir, fmt.Sprintf("a%d.npy", i)))
			if err != nil {
				t.Fatal(err)
			}
			want := c.back
			if want == (gips.Geometry{}) {
				want = c.g
			}
			if back.Geometry() != want {
				t.Fatalf("loads as %v, want %v", back.Geometry(), want)
			}
			// Same planes in the same order, whatever the geometry says.
			for i := range img.NumPlanes() {
				for y := range img.SizeY() {
					if string(back.Row(i, y)) != string(img.Row(i, y)) {
						t.Fatalf("plane %d row %d differs", i, y)
					}
				}
			}
		})
	}
}

// shapeArray hands a shape to the reference (as int32: gips arrays have no
// 64-bit integers).
func shapeArray(v []int) gips.Array {
	out := make([]int32, len(v))
	for i, x := range v {
		out[i] = int32(x)
	}
	return gips.ArrayOf(out, len(out))
}

func intsOf(a gips.Array) []int {
	out := make([]int, a.Size())
	for i := range out {
		out[i] = int(a.Get(i))
	}
	return out
}
