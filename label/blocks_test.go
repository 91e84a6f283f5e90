package label

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/ops"
)

// randomImage is an image of type t whose pixels are drawn by f.
func randomImage(t *testing.T, g gips.Geometry, f func() uint32) *gips.Image {
	t.Helper()
	img, err := gips.CreateImage(g)
	if err != nil {
		t.Fatal(err)
	}
	set := func(i, y, x int, v uint32) {
		switch g.Type.ItemSize() {
		case 1:
			img.Row(i, y)[x] = uint8(v)
		case 2:
			r := img.Row(i, y)
			r[2*x], r[2*x+1] = uint8(v), uint8(v>>8)
		default:
			r := img.Row(i, y)
			r[4*x], r[4*x+1], r[4*x+2], r[4*x+3] = uint8(v), uint8(v>>8), uint8(v>>16), uint8(v>>24)
		}
	}
	for i := range img.NumPlanes() {
		for y := range g.SizeY {
			for x := range g.SizeX {
				set(i, y, x, f())
			}
		}
	}
	return img
}

// pixels reads every pixel as uint32, in raster order (x fastest).
func pixels(t *testing.T, img *gips.Image) []uint32 {
	t.Helper()
	var out []uint32
	sz := img.Type().ItemSize()
	for i := range img.NumPlanes() {
		for y := range img.SizeY() {
			r := img.Row(i, y)
			for x := range img.SizeX() {
				var v uint32
				for b := range sz {
					v |= uint32(r[sz*x+b]) << (8 * b)
				}
				out = append(out, v)
			}
		}
	}
	return out
}

// TestBlockFirstsIsEachLabelsFirstPixel: on Components' labels of random
// binary images (every connectivity, 2D and 3D, three label types), the
// first index of each label found by a plain search.
func TestBlockFirstsIsEachLabelsFirstPixel(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 1))
	for _, g := range []gips.Geometry{gips.Geometry2d(gips.Binary, 37, 29), gips.Geometry3d(gips.Binary, 13, 11, 7), gips.Geometry2d(gips.Binary, 1, 1)} {
		for conn := gips.Connectivity(1); conn <= 3; conn++ {
			if g.SizeZ == 1 && conn == 3 {
				continue
			}
			src := randomImage(t, g, func() uint32 { return uint32(rng.IntN(5) / 3) })
			for _, lt := range []gips.BufferType{gips.Label32, gips.Label16, gips.UInt8} {
				lab, _, err := Components(src, conn, WithOutput(lt))
				if err != nil {
					t.Fatal(err)
				}
				got, err := BlockFirsts(lab)
				if err != nil {
					t.Fatal(err)
				}
				px := pixels(t, lab)
				n := slices.Max(px)
				want := make([]int64, n)
				for k := uint32(1); k <= n; k++ {
					want[k-1] = int64(slices.Index(px, k))
				}
				if !slices.Equal(got, want) {
					t.Fatalf("%v conn %d %v: firsts %v, want %v", g, conn, lt, got, want)
				}
			}
		}
	}
	// label 2 before label 1: not raster order
	bad := randomImage(t, gips.Geometry2d(gips.Label32, 3, 1), func() uint32 { return 0 })
	bad.Row(0, 0)[4] = 2
	if _, err := BlockFirsts(bad); !errors.Is(err, gips.ErrParam) {
		t.Fatalf("labels out of raster order: err %v, want ErrParam", err)
	}
}

// TestBlockFirstsInParallel: a volume past par.InlineBytes, whose rows are
// scanned in chunks, against each label's first occurrence; a label that
// skips the next number in the last row is refused.
func TestBlockFirstsInParallel(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 4))
	g := gips.Geometry3d(gips.Binary, 256, 64, 80)
	src := randomImage(t, g, func() uint32 { return uint32(rng.IntN(5) / 4) }) // 20%: below face percolation
	lab, n, err := Components(src, gips.Conn6, WithOutput(gips.Label32))
	if err != nil {
		t.Fatal(err)
	}
	if g.Pixels()*4 < par.InlineBytes || n < 1000 {
		t.Fatalf("%v: %d bytes, %d labels: want past par.InlineBytes and many labels", g, g.Pixels()*4, n)
	}
	px := pixels(t, lab)
	want := make([]int64, n)
	for i := range want {
		want[i] = -1
	}
	for i, v := range px {
		if v != 0 && want[v-1] < 0 {
			want[v-1] = int64(i)
		}
	}
	got, err := BlockFirsts(lab)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%d firsts, want %d; differ at %d", len(got), len(want), slices.IndexFunc(got, func(v int64) bool { return !slices.Contains(want, v) }))
	}
	r := lab.Row(79, 63)[4*255:]
	v := uint32(n + 2)
	r[0], r[1], r[2], r[3] = uint8(v), uint8(v>>8), uint8(v>>16), uint8(v>>24)
	if _, err := BlockFirsts(lab); !errors.Is(err, gips.ErrParam) || !strings.Contains(err.Error(), "raster order") {
		t.Fatalf("label n+2 in the last row: err %v, want ErrParam", err)
	}
}

// TestBlockFirstsVectorWidths: with the vector skip at 16 and at 8 labels
// a compare (AVX-512 and AVX2, GOEXPERIMENT=simd builds), the firsts of
// Components' labels equal a plain search's, and a label with its top bit
// set after the others (a signed compare would take it for a negative
// number, at most every maximum) is refused.
func TestBlockFirstsVectorWidths(t *testing.T) {
	defer func(w bool) { firstsAVX512 = w }(firstsAVX512)
	wides := []bool{false}
	if firstsAVX512 {
		wides = append(wides, true)
	}
	rng := rand.New(rand.NewPCG(16, 9))
	src := randomImage(t, gips.Geometry2d(gips.Binary, 203, 61), func() uint32 { return uint32(rng.IntN(7) / 5) })
	for _, wide := range wides {
		firstsAVX512 = wide
		lab, n, err := Components(src, gips.Conn8, WithOutput(gips.Label32))
		if err != nil {
			t.Fatal(err)
		}
		px := pixels(t, lab)
		want := make([]int64, n)
		for k := uint32(1); k <= uint32(n); k++ {
			want[k-1] = int64(slices.Index(px, k))
		}
		if got, err := BlockFirsts(lab); err != nil || !slices.Equal(got, want) {
			t.Fatalf("avx512 %v: firsts %v, %v; want %v", wide, got, err, want)
		}
		r := lab.Row(0, 60)[4*190:]
		r[0], r[1], r[2], r[3] = 1, 0, 0, 0x80
		if _, err := BlockFirsts(lab); !errors.Is(err, gips.ErrParam) {
			t.Fatalf("avx512 %v: label 0x80000001 after the others: err %v, want ErrParam", wide, err)
		}
	}
}

// TestBlockFirstsListsGrowAndComeBack: images where every pixel (or every
// other) starts a new label, so that each chunk's list of steps outgrows
// its first buffer from the pool, on one chunk and on several; each call,
// on buffers the call before gave back, gives every label's own first
// pixel, as the float64 vector of the op too.
func TestBlockFirstsListsGrowAndComeBack(t *testing.T) {
	for _, c := range []struct {
		g     gips.Geometry
		every int
	}{
		{gips.Geometry2d(gips.Label32, 300, 100), 1},    // one chunk: 30000 steps
		{gips.Geometry3d(gips.Label32, 512, 256, 3), 1}, // past par.InlineBytes: chunks of 49152 steps
		{gips.Geometry3d(gips.Label32, 512, 256, 3), 2}, // half the steps, on the buffers just given back
		{gips.Geometry2d(gips.Label16, 250, 200), 1},    // 50000 labels of 16 bits
		{gips.Geometry2d(gips.Label32, 7, 5), 3},        // a small one after the large ones
	} {
		k := uint32(0)
		i := 0
		img := randomImage(t, c.g, func() uint32 {
			if i%c.every == 0 {
				k++
			}
			i++
			return k
		})
		want := make([]int64, k)
		for j := range want {
			want[j] = int64(j * c.every)
		}
		got, err := BlockFirsts(img)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			j := 0
			for j < min(len(got), len(want)) && got[j] == want[j] {
				j++
			}
			t.Fatalf("%v every %d: %d firsts, want %d; first difference at label %d", c.g, c.every, len(got), len(want), j+1)
		}
		res, err := ops.Call("label.blockFirsts", []*gips.Image{img}, nil, nil)
		if err != nil || len(res.Vector) != len(want) {
			t.Fatalf("%v: the op's firsts: %d, %v; want %d", c.g, len(res.Vector), err, len(want))
		}
		for j, v := range res.Vector {
			if v != float64(want[j]) {
				t.Fatalf("%v: the op's first of label %d is %v, want %d", c.g, j+1, v, want[j])
			}
		}
		res.Release()
	}
}

// TestBlockFirstsOpResultComesBackToThePool: the op's vector, released,
// is the memory of the next call's (a 4096² image's half a million
// indices were fresh pages every call), and that call writes all of it:
// the labels one pixel later give every index plus one.
func TestBlockFirstsOpResultComesBackToThePool(t *testing.T) {
	g := gips.Geometry2d(gips.Label32, 200, 150)
	first := func(shift int) ops.Result {
		i := 0
		img := randomImage(t, g, func() uint32 {
			i++
			return uint32(max(i-shift, 0))
		})
		res, err := ops.Call("label.blockFirsts", []*gips.Image{img}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if n := g.SizeX*g.SizeY - shift; len(res.Vector) != n {
			t.Fatalf("shift %d: %d firsts, want %d", shift, len(res.Vector), n)
		}
		for j, v := range res.Vector {
			if v != float64(j+shift) {
				t.Fatalf("shift %d: label %d first at %v, want %d", shift, j+1, v, j+shift)
			}
		}
		return res
	}
	a := first(0)
	p := unsafe.SliceData(a.Vector)
	a.Release()
	b := first(1)
	if unsafe.SliceData(b.Vector) != p {
		t.Errorf("the second call's vector is new memory, not the first's given back")
	}
	b.Release()
}

// TestRelabelTableLooksEachLabelUp: table[labels] by index, into a new
// image and in place; a label past the table is an error.
func TestRelabelTableLooksEachLabelUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 2))
	for _, lt := range []gips.BufferType{gips.Label32, gips.UInt16, gips.Label8} {
		lab := randomImage(t, gips.Geometry3d(lt, 9, 8, 5), func() uint32 { return uint32(rng.IntN(40)) })
		for _, tt := range []gips.BufferType{gips.Int32, gips.UInt32} {
			table := randomImage(t, gips.Geometry2d(tt, 40, 1), func() uint32 { return rng.Uint32() })
			tab := pixels(t, table)
			out, err := RelabelTable(lab, table)
			if err != nil {
				t.Fatal(err)
			}
			if out.Type() != tt {
				t.Fatalf("output type %v, want the table's %v", out.Type(), tt)
			}
			px := pixels(t, lab)
			for i, v := range pixels(t, out) {
				if v != tab[px[i]] {
					t.Fatalf("%v pixel %d: %d, want table[%d] = %d", lt, i, v, px[i], tab[px[i]])
				}
			}
		}
	}
	lab := randomImage(t, gips.Geometry2d(gips.UInt32, 17, 6), func() uint32 { return uint32(rng.IntN(10)) })
	px := pixels(t, lab)
	table := randomImage(t, gips.Geometry2d(gips.UInt32, 10, 1), func() uint32 { return rng.Uint32() })
	tab := pixels(t, table)
	if err := RelabelTableInto(lab, lab, table); err != nil {
		t.Fatal(err)
	}
	for i, v := range pixels(t, lab) {
		if v != tab[px[i]] {
			t.Fatalf("in place, pixel %d: %d, want %d", i, v, tab[px[i]])
		}
	}
	short := randomImage(t, gips.Geometry2d(gips.UInt32, 3, 1), func() uint32 { return 1 })
	big := randomImage(t, gips.Geometry2d(gips.UInt32, 2, 2), func() uint32 { return 3 })
	if _, err := RelabelTable(big, short); !errors.Is(err, gips.ErrParam) {
		t.Fatalf("label 3 in a table of 3: err %v, want ErrParam", err)
	}
	if _, err := RelabelTable(big, big); !errors.Is(err, gips.ErrParam) {
		t.Fatalf("a table of two rows: err %v, want ErrParam", err)
	}
}

// TestRelabelTableInParallel: a volume past par.InlineBytes, whose rows
// are shared among the workers, against the lookup pixel by pixel; a
// label past the table's end in the first or the last row is an error.
func TestRelabelTableInParallel(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 3))
	g := gips.Geometry3d(gips.Label32, 256, 64, 40)
	if g.Pixels()*8 < par.InlineBytes {
		t.Fatalf("%v: %d bytes of work, not past par.InlineBytes", g, g.Pixels()*8)
	}
	lab := randomImage(t, g, func() uint32 { return uint32(rng.IntN(1000)) })
	table := randomImage(t, gips.Geometry2d(gips.Int32, 1000, 1), func() uint32 { return rng.Uint32() })
	tab, px := pixels(t, table), pixels(t, lab)
	out, err := RelabelTable(lab, table)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range pixels(t, out) {
		if v != tab[px[i]] {
			t.Fatalf("pixel %d: %d, want table[%d] = %d", i, v, px[i], tab[px[i]])
		}
	}
	for _, at := range [][2]int{{0, 0}, {39, 63}} {
		i := 0
		bad := randomImage(t, g, func() uint32 { i++; return px[i-1] })
		r := bad.Row(at[0], at[1])[4*255:]
		r[0], r[1], r[2], r[3] = 1000&255, 1000>>8, 0, 0
		if _, err := RelabelTable(bad, table); !errors.Is(err, gips.ErrParam) || !strings.Contains(err.Error(), "label 1000") {
			t.Fatalf("label 1000 at plane %d row %d in a table of 1000: err %v, want ErrParam naming it", at[0], at[1], err)
		}
	}
}

// TestBlockFacesPairsEveryTouchingPixel: random label planes and values,
// against a search over every pair of pixels within one step in the plane
// (the offsets each connectivity allows), with blocks from the starts.
func TestBlockFacesPairsEveryTouchingPixel(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 3))
	const w, h = 23, 7
	xs, ys := []int{0, 5, 6, 15}, []int{0, 3}
	blk := func(starts []int, i int) uint32 {
		b := 0
		for k, s := range starts {
			if i >= s {
				b = k
			}
		}
		return uint32(b)
	}
	for _, vt := range []gips.BufferType{gips.Binary, gips.UInt16, gips.Int8} {
		l := randomImage(t, gips.Geometry2d(gips.Label32, w, h), func() uint32 { return uint32(rng.IntN(4)) })
		r := randomImage(t, gips.Geometry2d(gips.UInt32, w, h), func() uint32 { return uint32(rng.IntN(4)) })
		lv := randomImage(t, gips.Geometry2d(vt, w, h), func() uint32 { return uint32(rng.IntN(2)) })
		rv := randomImage(t, gips.Geometry2d(vt, w, h), func() uint32 { return uint32(rng.IntN(2)) })
		lp, rp, lvp, rvp := pixels(t, l), pixels(t, r), pixels(t, lv), pixels(t, rv)
		for conn := 1; conn <= 3; conn++ {
			got, err := BlockFaces(l, r, lv, rv, xs, ys, conn)
			if err != nil {
				t.Fatal(err)
			}
			var want []Pair
			for i := range w * h {
				for j := range w * h {
					dx, dy := j%w-i%w, j/w-i/w
					steps := 0
					if dx != 0 {
						steps++
					}
					if dy != 0 {
						steps++
					}
					if dx*dx > 1 || dy*dy > 1 || steps > conn-1 || lp[i] == 0 || rp[j] == 0 {
						continue
					}
					if vt != gips.Binary && lvp[i] != rvp[j] {
						continue
					}
					p := Pair{blk(ys, i/w)*4 + blk(xs, i%w), lp[i], blk(ys, j/w)*4 + blk(xs, j%w), rp[j]}
					if !slices.Contains(want, p) {
						want = append(want, p)
					}
				}
			}
			slices.SortFunc(want, func(a, b Pair) int {
				for _, d := range [][2]uint32{{a.LeftBlock, b.LeftBlock}, {a.LeftLabel, b.LeftLabel}, {a.RightBlock, b.RightBlock}, {a.RightLabel, b.RightLabel}} {
					if d[0] != d[1] {
						return int(int64(d[0]) - int64(d[1]))
					}
				}
				return 0
			})
			if !slices.Equal(got, want) {
				t.Fatalf("%v connectivity %d: %d pairs, want %d:\n%v\n%v", vt, conn, len(got), len(want), got, want)
			}
		}
	}
	l := randomImage(t, gips.Geometry2d(gips.Label32, w, h), func() uint32 { return 1 })
	for _, bad := range [][]int{{1, 5}, {0, 5, 5}, {0, 30}, {}} {
		if _, err := BlockFaces(l, l, l, l, bad, ys, 1); !errors.Is(err, gips.ErrParam) {
			t.Fatalf("x starts %v: err %v, want ErrParam", bad, err)
		}
	}
}
