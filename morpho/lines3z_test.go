package morpho

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// TestChordsZMatchBruteForce runs the 3D chord kernel (slices shared by
// their z offsets, tiles of columns) against bruteMin: balls and
// octahedra (pairs of equal slices), footprints whose slices all differ or
// skip a plane, 2D lines, in every mode, minimum and maximum, with tiles from one
// column to the whole row and bands of rows through volumes thinner and
// thicker than the footprint.
func TestChordsZMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(70, 71))
	gap := make([]bool, 3*2*5) // slices 0, 1 and 4 set, 2 and 3 empty
	for i := range gap {
		z := i / 6
		gap[i] = (z == 0 || z == 1 || z == 4) && rng.IntN(3) > 0
	}
	gap[0], gap[6], gap[24] = true, true, true
	tall := make([]bool, 4*11) // a 2D footprint of 11 rows with holes
	for i := range tall {
		tall[i] = rng.IntN(3) > 0
	}
	ses := []SE{Ball(1), Ball(2), Ball(3), Octahedron(2), irregular(3), FromBools(gap, 3, 2, 5), Ball(5), Disk(6), FromBools(tall, 4, 11, 1), Line(15, 45)}
	// rows of whole 64-byte steps (64 and 48 wide) take ringReduce's kernel
	dims := []nbhd.Dims{{NX: 13, NY: 9, NZ: 7}, {NX: 1, NY: 11, NZ: 5}, {NX: 9, NY: 2, NZ: 12}, {NX: 5, NY: 4, NZ: 1}, {NX: 21, NY: 3, NZ: 3},
		{NX: 64, NY: 13, NZ: 4}, {NX: 48, NY: 12, NZ: 1}}
	for _, d := range dims {
		src := make([]uint16, d.Len())
		for i := range src {
			src[i] = uint16(rng.IntN(9) * 5000)
		}
		b := make([]uint8, d.Len())
		for i := range b {
			b[i] = uint8(rng.IntN(9) * 30)
		}
		f := make([]float32, d.Len())
		for i := range f {
			f[i] = float32(rng.IntN(9)) - 4.5
		}
		for si, s := range ses {
			for _, m := range modes {
				for _, reflect := range []bool{false, true} {
					p := makePlan(s, reflect, d, m)
					for _, ring := range []int{1, 200, 1 << 19} {
						name := fmt.Sprintf("%v se%d %v reflect=%v ring=%d", d, si, m, reflect, ring)
						chordsZ(t, name, src, d, s, p, reflect, m, 7, ring)
						chordsZ(t, name, f, d, s, p, reflect, m, 0.5, ring)
						chordsZ(t, name, b, d, s, p, reflect, m, 60, ring)
					}
				}
			}
		}
	}
}

func chordsZ[T gips.Pixel](t *testing.T, name string, src []T, d nbhd.Dims, s SE, p plan, reflect bool, m gips.BorderMode, cval T, ring int) {
	t.Helper()
	name = fmt.Sprintf("%T %s", src[0], name)
	want := bruteMin(src, d, s, reflect, m, cval)
	got := make([]T, len(src))
	rows := 0
	post := func(y, z int, row []T) { rows++ }
	if err := lines3zTiled(bufView(got, d), bufView(src, d), d, p, false, m, cval, post, ring); err != nil {
		t.Fatal(err)
	}
	compare(t, name, got, want)
	if rows != d.NY*d.NZ {
		t.Fatalf("%s: post ran on %d rows, want %d", name, rows, d.NY*d.NZ)
	}
	// The maximum over the reflected footprint is the order-flipped
	// minimum (as in fastPaths).
	f := append([]T(nil), src...)
	nbhd.Flip(f)
	wantMax := bruteMin(f, d, s, !reflect, m, nbhd.FlipValue(cval))
	nbhd.Flip(wantMax)
	gotMax := make([]T, len(src))
	if err := lines3zTiled(bufView(gotMax, d), bufView(src, d), d, makePlan(s, !reflect, d, m), true, m, cval, nil, ring); err != nil {
		t.Fatal(err)
	}
	compare(t, name+" max", gotMax, wantMax)
}
