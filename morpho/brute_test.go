package morpho

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// bruteMin is the definition of the minimum filter, written for the
// tests: for each pixel, every true element of the footprint (reflected
// or not), each read through border.Index along each axis.
func bruteMin[T gips.Pixel](src []T, d nbhd.Dims, s SE, reflect bool, m gips.BorderMode, cval T) []T {
	out := make([]T, len(src))
	n := [3]int{d.NX, d.NY, d.NZ}
	offs := s.Offsets()
	for z := range d.NZ {
		for y := range d.NY {
			for x := range d.NX {
				best := src[0]
				first := true
				for _, o := range offs {
					if reflect {
						o = [3]int{-o[0], -o[1], -o[2]}
					}
					p := [3]int{x + o[0], y + o[1], z + o[2]}
					v, inside := cval, true
					for a := range 3 {
						j, ok := border.Index(p[a], n[a], m)
						if !ok {
							inside = false
							break
						}
						p[a] = j
					}
					if inside {
						v = src[(p[2]*d.NY+p[1])*d.NX+p[0]]
					}
					if first || v < best {
						best, first = v, false
					}
				}
				out[(z*d.NY+y)*d.NX+x] = best
			}
		}
	}
	return out
}

// TestFastPathsMatchBruteForce runs the separable box kernel (direct and
// van Herk, along x, y and z) and the line kernel (runs of every length,
// offsets folded when the footprint is far wider than the image) against
// bruteMin, in every mode, on volumes and 1-pixel-thin shapes, with boxes
// up to five times the image's size.
func TestFastPathsMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(60, 61))
	dims := []nbhd.Dims{{NX: 13, NY: 9, NZ: 7}, {NX: 1, NY: 11, NZ: 5}, {NX: 17, NY: 1, NZ: 1}, {NX: 6, NY: 5, NZ: 1}, {NX: 2, NY: 2, NZ: 9}}
	for _, d := range dims {
		src := make([]int16, d.Len())
		for i := range src {
			src[i] = int16(rng.IntN(7) * 1000)
		}
		fastPaths(t, d, src, -5)
		u := make([]uint16, d.Len()) // the SWAR paths
		for i := range u {
			u[i] = uint16(rng.IntN(7) * 10000)
		}
		fastPaths(t, d, u, 3)
		b := make([]uint8, d.Len())
		for i := range b {
			b[i] = uint8(rng.IntN(7) * 40)
		}
		fastPaths(t, d, b, 3)
		f := make([]float32, d.Len()) // the scalar paths
		for i := range f {
			f[i] = float32(rng.IntN(9)) - 4.5
		}
		fastPaths(t, d, f, 0.25)
	}
}

func fastPaths[T gips.Pixel](t *testing.T, d nbhd.Dims, src []T, cval T) {
	ses := []SE{Box(3, 3, 3), Box(2, 5, 4), Box(9, 1, 1), Box(1, 12, 1), Box(1, 1, 15), Box(7, 6, 5), Box(33, 1, 1), Box(70, 2, 1),
		Box(5*d.NX+3, 2*d.NY+1, 4), Ball(2), Octahedron(3), Disk(4), irregular(3),
		FromBools(append(make([]bool, 40), true, false, true, true, true, true, true), 47, 1, 1)}
	for si, s := range ses {
		if s.size[2] > 1 && d.NZ == 1 {
			continue
		}
		for _, m := range modes {
			for _, reflect := range []bool{false, true} {
				name := fmt.Sprintf("%T %v se%d %v reflect=%v", src[0], d, si, m, reflect)
				want := bruteMin(src, d, s, reflect, m, cval)
				got := make([]T, len(src))
				if err := minFilter(got, src, d, s, reflect, m, cval); err != nil {
					t.Fatal(err)
				}
				if s.box { // the same box through the line kernel
					line := make([]T, len(src))
					if err := linesFilter(bufView(line, d), bufView(src, d), d, makePlan(SE{size: s.size, on: s.Bools()}, reflect, d, m), false, m, cval, nil); err != nil {
						t.Fatal(err)
					}
					compare(t, name+" lines", line, want)
				}
				// The maximum over the reflected footprint (a dilation) is
				// the order-flipped minimum, with the kernels' max for min.
				f := append([]T(nil), src...)
				nbhd.Flip(f)
				wantMax := bruteMin(f, d, s, !reflect, m, nbhd.FlipValue(cval))
				nbhd.Flip(wantMax)
				gotMax := make([]T, len(src))
				if err := pass(bufView(gotMax, d), bufView(src, d), d, s, !reflect, true, m, cval, nil); err != nil {
					t.Fatal(err)
				}
				compare(t, name+" max", gotMax, wantMax)
				compare(t, name, got, want)
			}
		}
	}
}

func compare[T gips.Pixel](t *testing.T, name string, got, want []T) {
	t.Helper()
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%s: pixel %d: got %v, brute force %v", name, i, got[i], want[i])
		}
	}
}

// TestBadInputIsAnError: every refusal names what is at fault and wraps
// the sentinel, and nothing is written into a read-only output.
func TestBadInputIsAnError(t *testing.T) {
	img2, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 8, 6))
	f32, _ := gips.CreateImage(gips.Geometry2d(gips.Real32, 8, 6))
	ro := readOnly(t, gips.Binary)
	roGrey := readOnly(t, gips.UInt8)
	cases := []struct {
		name, want string
		err        error
		call       func() error
	}{
		{"empty footprint", "no true element", gips.ErrParam, func() error { _, err := Erode(img2, FromBools(make([]bool, 9), 3, 3, 1)); return err }},
		{"3D footprint on 2D", "3D", gips.ErrParam, func() error { _, err := Dilate(img2, Ball(1)); return err }},
		{"zero SE", "zero SE", gips.ErrParam, func() error { _, err := Erode(img2, SE{}); return err }},
		{"negative radius", "radius -1", gips.ErrParam, func() error { _, err := Erode(img2, Disk(-1)); return err }},
		{"huge radius", "radius", gips.ErrParam, func() error { _, err := Erode(img2, Ball(1<<20)); return err }},
		{"bad box", "box size", gips.ErrParam, func() error { _, err := Erode(img2, Box(0, 3, 1)); return err }},
		{"footprint image 4D", "footprint image", gips.ErrParam, func() error {
			mc, _ := gips.CreateImage(gips.GeometryMultiChannel3d(gips.UInt8, 3, 3, 3, 2))
			_, err := Erode(img2, FromImage(mc))
			return err
		}},
		{"binary op on float", "Real32", gips.ErrBufferType, func() error { _, err := BinaryErode(f32, Cross(2)); return err }},
		{"grey op on binary", "Binary", gips.ErrBufferType, func() error { _, err := Erode(ro, Cross(2)); return err }},
		{"fill on float", "Real32", gips.ErrBufferType, func() error { _, err := FillHoles(f32, Cross(2)); return err }},
		{"read-only output", "read-only", gips.ErrReadOnly, func() error { return BinaryDilateInto(ro, img2, Cross(2)) }},
		{"read-only grey output", "read-only", gips.ErrReadOnly, func() error { return ErodeInto(roGrey, img2, Cross(2)) }},
		{"even reconstruct footprint", "odd", gips.ErrParam, func() error { _, err := Reconstruct(img2, img2, ByDilation, Rect(2, 3)); return err }},
		{"h zero", "h 0", gips.ErrParam, func() error { _, err := HMaxima(img2, 0, Rect(3, 3)); return err }},
		{"connectivity 3 on 2D", "connectivity", gips.ErrParam, func() error { _, err := RegionalMinima(img2, 3); return err }},
		{"output size", "sizes", gips.ErrShape, func() error { return ErodeInto(f32, img2, Cross(2)) }},
		{"output type", "output type", gips.ErrBufferType, func() error { return ErodeInto(f32, img2, Cross(2)) }},
	}
	cases[len(cases)-2].call = func() error {
		small, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 3, 3))
		return ErodeInto(small, img2, Cross(2))
	}
	for _, c := range cases {
		err := c.call()
		if err == nil || !errors.Is(err, c.err) || !contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error mentioning %q wrapping %v", c.name, err, c.want, c.err)
		}
	}
	for _, img := range []*gips.Image{ro, roGrey} {
		a, _ := img.Array()
		for _, b := range a.Data {
			if b != 7 {
				t.Fatalf("a read-only output was written")
			}
		}
	}
}

// readOnly is a 8x6 image of type t over a read-only array of 7s.
func readOnly(t *testing.T, bt gips.BufferType) *gips.Image {
	data := make([]uint8, 48)
	for i := range data {
		data[i] = 7
	}
	a := gips.ArrayOf(data, 6, 8)
	a.ReadOnly = true
	img, err := gips.FromArrayGeometry(a, gips.Geometry2d(bt, 8, 6))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func contains(s, sub string) bool {
	return len(sub) == 0 || (len(s) >= len(sub) && (s[:len(sub)] == sub || contains(s[1:], sub)))
}

// TestSWARMinMatchesMin checks the lane-wise minimum on every pair of
// bytes and on random 16-bit lanes against the scalar minimum.
func TestSWARMinMatchesMin(t *testing.T) {
	a, b := make([]uint8, 65536), make([]uint8, 65536)
	for i := range a {
		a[i], b[i] = uint8(i), uint8(i>>8)
	}
	got := append([]uint8(nil), a...)
	if minWords(lanes8, got, b) != len(got) {
		t.Fatal("minWords left bytes")
	}
	for i := range a {
		if got[i] != min(a[i], b[i]) {
			t.Fatalf("uint8 min(%d, %d) = %d", a[i], b[i], got[i])
		}
	}
	rng := rand.New(rand.NewPCG(1, 1))
	c, d := make([]uint16, 1003), make([]uint16, 1003)
	for i := range c {
		c[i], d[i] = uint16(rng.Uint32()), uint16(rng.Uint32())
		if i%5 == 0 {
			d[i] = c[i] ^ uint16(1<<rng.IntN(16))
		}
	}
	got16 := append([]uint16(nil), c...)
	if minWords(lanes16, bytesOf(got16), bytesOf(d)) != 2*1000 { // whole words: 1000 of the 1003 lanes
		t.Fatal("minWords did not do the whole words")
	}
	for i := 1000; i < len(c); i++ {
		got16[i] = min(c[i], d[i])
	}
	for i := range c {
		if got16[i] != min(c[i], d[i]) {
			t.Fatalf("uint16 min(%d, %d) = %d", c[i], d[i], got16[i])
		}
	}
}

// TestOnesMatchesNonzero checks the word-wise normalisation of binary
// input on every byte value, at every position in a word and in a tail.
func TestOnesMatchesNonzero(t *testing.T) {
	b := make([]uint8, 256*9+5)
	for i := range b {
		b[i] = uint8(i * 7)
	}
	want := make([]uint8, len(b))
	for i, v := range b {
		if v != 0 {
			want[i] = 1
		}
	}
	ones(b)
	for i := range b {
		if b[i] != want[i] {
			t.Fatalf("byte %d: got %d, want %d", i, b[i], want[i])
		}
	}
}
