package transform

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// TestLin2TwinMatchesGo: lin2 (with its AVX2 pass in a GOEXPERIMENT=simd
// build) gives lin2Go's values bit for bit, for every pixel type, every
// segment length, planes down to one pixel, and coordinates on and next to
// whole numbers and the last interior point, outside the plane (clamped
// taps) and near linLimit.
func TestLin2TwinMatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, sz := range [][2]int{{37, 23}, {1, 5}, {6, 1}, {1, 1}, {2, 2}} {
		lin2Types[uint8](t, rng, sz)
		lin2Types[int8](t, rng, sz)
		lin2Types[uint16](t, rng, sz)
		lin2Types[int16](t, rng, sz)
		lin2Types[uint32](t, rng, sz)
		lin2Types[int32](t, rng, sz)
		lin2Types[float32](t, rng, sz)
		lin2Types[float64](t, rng, sz)
	}
}

func lin2Types[S gips.Pixel](t *testing.T, rng *rand.Rand, sz [2]int) {
	nx, ny := sz[0], sz[1]
	// A plane with a stride beyond its width (padding bytes of 9s), and its
	// rows.
	pl := gips.Plane[S]{Pix: make([]S, (nx+3)*ny), Stride: nx + 3, Width: nx, Height: ny}
	for i := range pl.Pix {
		pl.Pix[i] = 9
	}
	rows := make([][]S, ny)
	lo, hi := gips.TypeOf[S]().Range()
	lo, hi = max(lo, -1e6), min(hi, 1e6)
	for y := range rows {
		rows[y] = pl.Row(y)
		for x := range rows[y] {
			rows[y][x] = S(lo + rng.Float64()*(hi-lo))
		}
	}
	inside := false // every point interior: the paired reads of uint8
	coord := func(n int) float64 {
		last := float64(n - 1)
		if inside {
			switch rng.IntN(3) {
			case 0:
				return float64(rng.IntN(n - 1)) // a whole number
			case 1:
				return math.Nextafter(last, 0) // the last interior point
			}
			return rng.Float64() * last
		}
		switch rng.IntN(9) {
		case 0:
			return float64(rng.IntN(n)) // a whole number
		case 1:
			return math.Nextafter(last, 0) // the last interior point
		case 2:
			return math.Nextafter(float64(1+rng.IntN(n)), 0) // just below a whole number
		case 3:
			return rng.Float64()*float64(2*n+4) - float64(n+2) // outside too
		case 4:
			return -rng.Float64() // in (-1, 0]
		case 5:
			return []float64{1 - linLimit, linLimit - 1, math.Nextafter(linLimit, 0), math.Nextafter(-linLimit, 0), -1, math.Copysign(0, -1)}[rng.IntN(6)]
		}
		return rng.Float64() * last
	}
	var lb linBufs
	for n := 1; n <= segLen; n += 1 + n/8 {
		inside = nx > 1 && ny > 1 && n%2 == 0
		cy, cx := make([]float64, n), make([]float64, n)
		for k := range cy {
			cy[k], cx[k] = coord(ny), coord(nx)
		}
		want := make([]float64, n)
		lin2Go(rows, cy, cx, want)
		for _, p := range []*gips.Plane[S]{nil, &pl} {
			got := make([]float64, n)
			lin2(rows, p, cy, cx, got, &lb)
			for k := range got {
				if math.Float64bits(got[k]) != math.Float64bits(want[k]) {
					t.Fatalf("%v %v plane %v, %d points: point %d (%v, %v): lin2 %v, lin2Go %v", gips.TypeOf[S](), sz, p != nil, n, k, cy[k], cx[k], got[k], want[k])
				}
			}
		}
	}
}

// pointwiseAffine is the affine map written out as scipy's loop over
// output pixels: the coordinate ((0 + z·m0) + y·m1) + x·m2 + offset per
// mapped axis, one sample along an axis left alone, the window and value
// from tap and sample3 (the engine's general path), stored as scipy
// stores. It is the reference of the tiled path (orders 0 and 1).
func pointwiseAffine[S, D gips.Pixel](t *testing.T, dst, src *gips.Image, mat [3][3]float64, off [3]float64, c config, id [3]bool) {
	m := &mapping{ident: id}
	j := newJob(dst, src, c, m)
	r := j.rank
	for h := 0; h < r; h++ {
		m.off[h] = off[r-1-h]
		for l := 0; l < r; l++ {
			m.mat[h][l] = mat[r-1-h][r-1-l]
		}
	}
	sp, err := gips.Planes[S](src)
	if err != nil {
		t.Fatal(err)
	}
	dp, err := gips.Planes[D](dst)
	if err != nil {
		t.Fatal(err)
	}
	g, og := src.Geometry(), dst.Geometry()
	for ti := 0; ti < g.SizeT; ti++ {
		for ci := 0; ci < g.SizeC; ci++ {
			v := sourceVolume(sp, g, ci, ti)
			for z := 0; z < og.SizeZ; z++ {
				out := dp[og.PlaneIndex(z, ci, ti)]
				for y := 0; y < og.SizeY; y++ {
					for x := 0; x < og.SizeX; x++ {
						o := []float64{float64(x), float64(y), float64(z)}[:r]
						var cc [3]float64 // numpy order
						for h := 0; h < r; h++ {
							s := 0.0
							for l := 0; l < r; l++ {
								s += float64(o[r-1-l] * m.mat[h][l])
							}
							cc[h] = s + m.off[h]
						}
						var tz, ty, tx axisTap
						k := [3]int{x, y, z}
						for a := 0; a < r; a++ {
							j.tap3(a, cc[r-1-a], k[a], []*axisTap{&tx, &ty, &tz}[a])
						}
						var s float64
						if r == 2 {
							s = sample2(v, &j.e, &ty, &tx)
						} else {
							s = sample3(v, &j.e, &tz, &ty, &tx, &j.win)
						}
						out.Set(x, y, store[D](s))
					}
				}
			}
		}
	}
}

// TestTiledAffineMatchesPointwise: the tiled path (segments, tiles,
// interior runs, the AVX2 pass) against pointwiseAffine, bit for bit, on
// images wider than a segment and taller than a tile: rotations, a random
// map, maps that put points exactly on whole numbers and on the last
// pixel, every mode, orders 0 and 1, integer and float types, 2D, a volume
// rotated in xy and a volume mapped along every axis (the fused kernels
// of every type among them), at every tier of kernels.
func TestTiledAffineMatchesPointwise(t *testing.T) { eachTier(t, testTiledAffineMatchesPointwise) }

func testTiledAffineMatchesPointwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	c30, s30 := math.Cos(math.Pi/6), math.Sin(math.Pi/6)
	type mc struct {
		name string
		mat  [3][3]float64
		off  [3]float64
	}
	maps := []mc{
		{"rotate30", [3][3]float64{{c30, s30, 0}, {-s30, c30, 0}, {0, 0, 1}}, [3]float64{-40, 60, 0}},
		{"random", [3][3]float64{{0.9, 0.3, 0.1}, {-0.25, 1.1, -0.05}, {0.07, 0.12, 0.8}}, [3]float64{-1.5, 2.25, 0.7}},
		{"integer shift", [3][3]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, [3]float64{-3, 2, 1}},
		{"half zoom", [3][3]float64{{0.5, 0, 0}, {0, 0.5, 0}, {0, 0, 0.5}}, [3]float64{0.5, 0.25, 0}},
		{"flip", [3][3]float64{{-1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, [3]float64{299, 0, 0}},
	}
	type geo struct {
		g  gips.Geometry
		id [3]bool
	}
	geos := []geo{
		{gips.Geometry2d(gips.UInt8, 300, 37), [3]bool{}},
		// uint8 into uint8 walks a tile in strips (fusedStripsU8): one
		// cut short and a tail of columns, a second tile row.
		{gips.Geometry2d(gips.UInt8, 150, 270), [3]bool{}},
		{gips.Geometry3d(gips.UInt16, 150, 21, 3), [3]bool{false, false, true}},
		{gips.Geometry3d(gips.Real32, 140, 18, 5), [3]bool{}},
		// float32 and int16 planes into their own type take the fused
		// kernels of those types; one a sample wide does not.
		{gips.Geometry2d(gips.Real32, 261, 23), [3]bool{}},
		{gips.Geometry3d(gips.Int16, 133, 17, 2), [3]bool{false, false, true}},
		{gips.Geometry2d(gips.Real32, 1, 19), [3]bool{}},
	}
	outTypes := []gips.BufferType{gips.UInt8, gips.UInt16, gips.Int16, gips.Real32, gips.Real64}
	for _, gc := range geos {
		src := makeImage(t, gc.g, rng)
		for _, mp := range maps {
			mat := mp.mat
			if gc.id[2] {
				mat[0][2], mat[1][2], mat[2][0], mat[2][1], mat[2][2] = 0, 0, 0, 0, 1
			}
			for _, o := range []int{0, 1} {
				for _, md := range allModes {
					for _, ot := range outTypes {
						c := collect([]Option{WithOrder(o), WithMode(md), WithCval(-7.25)})
						og := gc.g.WithType(ot)
						og.SizeX += 5
						got, _ := gips.CreateImage(og)
						want, _ := gips.CreateImage(og)
						if err := affineInto(got, src, mat, mp.off, c, gc.id); err != nil {
							t.Fatal(err)
						}
						refAffine(t, want, src, mat, mp.off, c, gc.id)
						what := fmt.Sprintf("%v %s order %d %v -> %v", gc.g, mp.name, o, md, ot)
						gv, wv := imgtest.ImageValues(t, got), imgtest.ImageValues(t, want)
						for i := range gv {
							if math.Float64bits(gv[i]) != math.Float64bits(wv[i]) && !(gv[i] != gv[i] && wv[i] != wv[i]) {
								t.Fatalf("%s: pixel %d: tiled %v, pointwise %v", what, i, gv[i], wv[i])
							}
						}
					}
				}
			}
		}
	}
}

// makeImage is an image of geometry g with random values over most of the
// type's range (a wide range for floats, with some negative values).
func makeImage(t *testing.T, g gips.Geometry, rng *rand.Rand) *gips.Image {
	img, err := gips.CreateImage(g)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := g.Type.Range()
	lo, hi = max(lo, -1000), min(hi, 70000)
	a, err := img.Array()
	if err != nil {
		t.Fatal(err)
	}
	idx := make([]int, len(a.Shape))
	for n := a.Size(); n > 0; n-- {
		a.Put(lo+rng.Float64()*(hi-lo), idx...)
		imgtest.Next(idx, a.Shape)
	}
	return img
}

// refAffine dispatches pointwiseAffine on the source and output types.
func refAffine(t *testing.T, dst, src *gips.Image, mat [3][3]float64, off [3]float64, c config, id [3]bool) {
	type fn = func(*testing.T, *gips.Image, *gips.Image, [3][3]float64, [3]float64, config, [3]bool)
	fs := map[[2]gips.BufferType]fn{
		{gips.UInt8, gips.UInt8}: pointwiseAffine[uint8, uint8], {gips.UInt8, gips.Int16}: pointwiseAffine[uint8, int16],
		{gips.UInt8, gips.UInt16}: pointwiseAffine[uint8, uint16], {gips.UInt16, gips.UInt16}: pointwiseAffine[uint16, uint16],
		{gips.Real32, gips.UInt16}: pointwiseAffine[float32, uint16],
		{gips.UInt8, gips.Real32}:  pointwiseAffine[uint8, float32], {gips.UInt8, gips.Real64}: pointwiseAffine[uint8, float64],
		{gips.UInt16, gips.UInt8}: pointwiseAffine[uint16, uint8], {gips.UInt16, gips.Int16}: pointwiseAffine[uint16, int16],
		{gips.UInt16, gips.Real32}: pointwiseAffine[uint16, float32], {gips.UInt16, gips.Real64}: pointwiseAffine[uint16, float64],
		{gips.Real32, gips.UInt8}: pointwiseAffine[float32, uint8], {gips.Real32, gips.Int16}: pointwiseAffine[float32, int16],
		{gips.Real32, gips.Real32}: pointwiseAffine[float32, float32], {gips.Real32, gips.Real64}: pointwiseAffine[float32, float64],
		{gips.Int16, gips.UInt8}: pointwiseAffine[int16, uint8], {gips.Int16, gips.UInt16}: pointwiseAffine[int16, uint16],
		{gips.Int16, gips.Int16}: pointwiseAffine[int16, int16], {gips.Int16, gips.Real32}: pointwiseAffine[int16, float32],
		{gips.Int16, gips.Real64}: pointwiseAffine[int16, float64],
	}
	f, ok := fs[[2]gips.BufferType{src.Type(), dst.Type()}]
	if !ok {
		t.Fatalf("refAffine: no reference for %v -> %v", src.Type(), dst.Type())
	}
	f(t, dst, src, mat, off, c, id)
}

// TestRotateUint8MatchesScipyExactly: the benchmark's case at a size with
// many segments and tiles - a uint8 image rotated 30 degrees, linear,
// output uint8 - and an affine map and map_coordinates at float32 points,
// every mode, equal to scipy's uint8 results.
func TestRotateUint8MatchesScipyExactly(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	const nx, ny = 333, 150
	data := make([]uint8, nx*ny)
	for i := range data {
		data[i] = uint8(rng.IntN(256))
	}
	a := gips.ArrayOf(data, ny, nx)
	img, err := gips.FromArray(a)
	if err != nil {
		t.Fatal(err)
	}
	// The points of an affine map, float32, x and y images.
	cx, cy := make([]float32, nx*ny), make([]float32, nx*ny)
	for y := range ny {
		for x := range nx {
			cy[y*nx+x] = float32(0.94*float64(y) + 0.34*float64(x) - 30.5)
			cx[y*nx+x] = float32(-0.34*float64(y) + 0.94*float64(x) + 20.25)
		}
	}
	ax, ay := gips.ArrayOf(cx, ny, nx), gips.ArrayOf(cy, ny, nx)
	ix, _ := gips.FromArray(ax)
	iy, _ := gips.FromArray(ay)
	ref := testref.Run(t, `import scipy.ndimage as ndi
a = inp["a"]
m = np.array([[0.94, 0.34], [-0.34, 0.94]])
c = np.stack([inp["cy"], inp["cx"]])
for i, mode in enumerate(`+pyModes()+`):
    for o in (0, 1):
        out[f"r{i}_{o}"] = ndi.rotate(a, 30, reshape=False, order=o, mode=mode, cval=17)
        out[f"f{i}_{o}"] = ndi.affine_transform(a, m, (-30.5, 20.25), order=o, mode=mode, cval=17)
        out[f"m{i}_{o}"] = ndi.map_coordinates(a, c, order=o, mode=mode, cval=17)
`, map[string]gips.Array{"a": a, "cx": ax, "cy": ay})
	mat := [3][3]float64{{0.94, -0.34, 0}, {0.34, 0.94, 0}, {0, 0, 1}}
	for i, md := range allModes {
		for _, o := range []int{0, 1} {
			opts := []Option{WithOrder(o), WithMode(md), WithCval(17)}
			r, err := Rotate(img, 30, append(opts, WithReshape(false))...)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Affine(img, mat, [3]float64{20.25, -30.5}, opts...)
			if err != nil {
				t.Fatal(err)
			}
			m, err := MapCoordinates(img, []*gips.Image{ix, iy}, opts...)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				key string
				got *gips.Image
			}{{"r", r}, {"f", f}, {"m", m}} {
				want := imgtest.Values(ref[fmt.Sprintf("%s%d_%d", c.key, i, o)])
				got := imgtest.ImageValues(t, c.got)
				for p := range want {
					if got[p] != want[p] {
						t.Fatalf("%s %v order %d: pixel (%d, %d): %v, scipy %v", c.key, md, o, p%nx, p/nx, got[p], want[p])
					}
				}
			}
		}
	}
}

// TestStoreSegMatchesStoreRow: storeSeg (with its AVX2 part in a
// GOEXPERIMENT=simd build) stores what storeRow stores, for the values at
// and around every rounding and saturation boundary, NaN and infinities.
func TestStoreSegMatchesStoreRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 0.5, 0.49999999999999994, 1.5, 2.5,
		-0.5, -0.7, 254.5, 254.49999999999997, 255, 255.4, 255.5, 256, 65534.5, 65535, 65535.5, 65536, 1e300, -1e300, 5e-324,
		2147483647.5, 4294967296, -2147483649,
		// int16's bounds and the negative roundings
		-1.5, -2.5, -0.49999999999999994, -32767.5, -32767.499999999996, -32768, -32768.4, -32768.5, -32769,
		32766.5, 32766.499999999996, 32767, 32767.4, 32767.5, 32768}
	vals := make([]float64, 0, 1000)
	for len(vals) < cap(vals) {
		switch rng.IntN(4) {
		case 3:
			vals = append(vals, rng.Float64()*80000-40000)
		case 0:
			vals = append(vals, special[rng.IntN(len(special))])
		case 1:
			vals = append(vals, float64(rng.IntN(70000)-100)+[]float64{0, 0.5, -0.5}[rng.IntN(3)])
		default:
			vals = append(vals, rng.Float64()*70000-100)
		}
	}
	storeTypes[uint8](t, vals)
	storeTypes[int8](t, vals)
	storeTypes[uint16](t, vals)
	storeTypes[int16](t, vals)
	storeTypes[int32](t, vals)
	storeTypes[float32](t, vals)
	storeTypes[float64](t, vals)
}

func storeTypes[D gips.Pixel](t *testing.T, vals []float64) {
	for _, n := range []int{1, 15, 16, 17, 100, len(vals)} {
		got, want := make([]D, n), make([]D, n)
		storeSeg(got, vals[:n])
		storeRow(want, vals[:n])
		for k := range got {
			if math.Float64bits(float64(got[k])) != math.Float64bits(float64(want[k])) && !(got[k] != got[k] && want[k] != want[k]) {
				t.Fatalf("%v, %d values: value %d (%v): storeSeg %v, storeRow %v", gips.TypeOf[D](), n, k, vals[k], got[k], want[k])
			}
		}
	}
}

// TestAddRowAndBoxRunMatchGo: addRow (with its AVX2 part) sums as the
// written-out (base + col) + off, and boxRunSIMD's run never passes a point
// outside the box (NaN included) and stops within four points of the
// first one, for every length.
func TestAddRowAndBoxRunMatchGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for n := 0; n <= 2*segLen; n += 1 + n/16 {
		col, c := make([]float64, n), make([]float64, n)
		for k := range col {
			col[k] = (rng.Float64() - 0.5) * math.Ldexp(1, rng.IntN(60)-20)
		}
		base, off := rng.Float64()*1e3-500, rng.Float64()*1e-3
		addRow(c, col, base, off)
		for k := range c {
			if want := (base + col[k]) + off; math.Float64bits(c[k]) != math.Float64bits(want) {
				t.Fatalf("addRow, %d values: value %d: %v, want %v", n, k, c[k], want)
			}
		}
		cy, cx := make([]float64, n), make([]float64, n)
		for k := range cy {
			cy[k], cx[k] = rng.Float64()*12-1, rng.Float64()*12-1
			if rng.IntN(8) == 0 {
				cx[k] = math.NaN()
			}
		}
		in := func(k int) bool { return cy[k] >= 0 && cy[k] < 10 && cx[k] >= 0.5 && cx[k] < 10 }
		first := 0
		for first < n && in(first) {
			first++
		}
		r := boxRunSIMD(cy, cx, 0, 10, 0.5, 10)
		if r%4 != 0 || r > first || (linAVX2Available() && first-r >= 4 && r+4 <= n) {
			t.Fatalf("boxRunSIMD, %d points: run %d, first point outside %d", n, r, first)
		}
	}
}

// TestWidenMatchesGo: widenSIMD converts float32 coordinates as Go does,
// NaN, infinities and subnormals included.
func TestWidenMatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	special := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 1e-45, -0, 3.4e38}
	for n := 0; n <= 70; n++ {
		src, dst := make([]float32, n), make([]float64, n)
		for k := range src {
			src[k] = float32(rng.NormFloat64() * 1e4)
			if rng.IntN(5) == 0 {
				src[k] = special[rng.IntN(len(special))]
			}
		}
		for k := widenSIMD(dst, src); k < n; k++ {
			dst[k] = float64(src[k])
		}
		for k := range src {
			if want := float64(src[k]); math.Float64bits(dst[k]) != math.Float64bits(want) {
				t.Fatalf("%d values: value %d (%v): %v, want %v", n, k, src[k], dst[k], want)
			}
		}
	}
}
