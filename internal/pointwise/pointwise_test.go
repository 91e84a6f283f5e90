package pointwise

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/stream"
)

// TestRowsWholeBandsAndRows: Rows0, Rows1 and Rows2 (and Streamed1 and
// Streamed2, streaming from the first byte) on images large
// enough to run in parallel bands, contiguous (each band one call) and in
// views whose rows are not contiguous (padded, flipped: a call per row),
// mixed; every pixel is written once with the right value, against a
// per-pixel loop over the arrays here, and the padding is not touched.
// Both paths: 3 * 300 * 257 * 2 bytes per image runs on the caller
// (under par.InlineBytes, planes walked one PlaneAt at a time); 3 * 2800
// rows is above it for Rows0 too, several bands per plane in parallel.
func TestRowsWholeBandsAndRows(t *testing.T) {
	testRows(t, 300, []string{"c", "pad", "flip"})
	testRows(t, 2800, []string{"c", "flip"})
}

func testRows(t *testing.T, y int, layouts []string) {
	minBytes := stream.Min
	defer func() { stream.Min = minBytes }()
	const z, x = 3, 257
	views := map[string]func(a gips.Array) gips.Array{
		"c":    func(a gips.Array) gips.Array { return a.Slice(2, 0, x, 1) },
		"pad":  func(a gips.Array) gips.Array { return a.Slice(2, 2, x+2, 1) },
		"flip": func(a gips.Array) gips.Array { return a.Slice(2, 0, x, 1).Reverse(1) },
	}
	mk := func(view string, seed uint16) (*gips.Image, gips.Array, []uint16) {
		base := make([]uint16, z*y*(x+5))
		for i := range base {
			base[i] = uint16(i)*seed + 7
		}
		a := views[view](gips.ArrayOf(base, z, y, x+5))
		img, err := gips.FromArrayGeometry(a, gips.Geometry3d(gips.UInt16, x, y, z))
		if err != nil {
			t.Fatal(err)
		}
		return img, a, base
	}
	for _, dv := range layouts {
		for _, av := range layouts {
			for _, bv := range layouts[:2] {
				d, da, dbase := mk(dv, 0)
				before := append([]uint16(nil), dbase...)
				a, aa, _ := mk(av, 3)
				b, ba, _ := mk(bv, 5)
				check := func(op string, want func(i, j, k int) float64) {
					t.Helper()
					if err := d.Sync(); err != nil {
						t.Fatal(err)
					}
					for i := range z {
						for j := range y {
							for k := range x {
								if got, w := da.Get(i, j, k), want(i, j, k); got != w {
									t.Fatalf("%s d %s a %s b %s: (%d,%d,%d) = %v, want %v", op, dv, av, bv, i, j, k, got, w)
								}
							}
						}
					}
					// the padding (every element outside the view) is as it was
					inView := make([]bool, len(dbase))
					for i := range z {
						for j := range y {
							for k := range x {
								inView[da.ByteOffset(i, j, k)/2] = true
							}
						}
					}
					for i := range dbase {
						if !inView[i] && dbase[i] != before[i] {
							t.Fatalf("%s d %s: padding element %d written", op, dv, i)
						}
					}
				}
				add2 := func(d, a, b []uint16) {
					for i := range d {
						d[i] = a[i] + 2*b[i]
					}
				}
				not1 := func(d, a []uint16) {
					for i := range d {
						d[i] = ^a[i]
					}
				}
				want2 := func(i, j, k int) float64 { return float64(uint16(aa.Get(i, j, k)) + 2*uint16(ba.Get(i, j, k))) }
				want1 := func(i, j, k int) float64 { return float64(^uint16(aa.Get(i, j, k))) }
				// Streamed: from the first byte, through cached blocks and
				// non-temporal stores where the rows run in parallel.
				for _, streamed := range []bool{false, true} {
					rows2, rows1, name := Rows2[uint16, uint16, uint16], Rows1[uint16, uint16], "Rows"
					if streamed {
						rows2, rows1, name = Streamed2[uint16, uint16, uint16], Streamed1[uint16, uint16], "Streamed"
						stream.Min = 0
					}
					if err := rows2(d, a, b, add2); err != nil {
						t.Fatal(err)
					}
					check(name+"2", want2)
					if err := rows1(d, a, not1); err != nil {
						t.Fatal(err)
					}
					check(name+"1", want1)
					stream.Min = minBytes
				}
				if err := Rows0(d, func(d []uint16) {
					for i := range d {
						d[i] = 41
					}
				}); err != nil {
					t.Fatal(err)
				}
				check("Rows0", func(i, j, k int) float64 { return 41 })
			}
		}
	}
}

// TestSpan: rows as one slice only when the stride is the width.
func TestSpan(t *testing.T) {
	pix := make([]uint8, 40)
	for i := range pix {
		pix[i] = uint8(i)
	}
	s, ok := Span(gips.Plane[uint8]{Pix: pix, Stride: 8, Width: 8, Height: 5}, 1, 3)
	if !ok || len(s) != 16 || s[0] != 8 || s[15] != 23 || cap(s) != 16 {
		t.Fatalf("contiguous rows 1-3: %v %v (cap %d)", s, ok, cap(s))
	}
	for _, p := range []gips.Plane[uint8]{{Pix: pix, Stride: 10, Width: 8, Height: 4}, {Pix: pix[32:], Stride: -8, Width: 8, Height: 5}} {
		if _, ok := Span(p, 0, 2); ok {
			t.Fatalf("stride %d width %d: a span", p.Stride, p.Width)
		}
	}
	if _, ok := Span(gips.Plane[uint8]{Pix: pix, Stride: 8, Width: 8, Height: 5}, 2, 2); ok {
		t.Fatal("an empty band: a span")
	}
}
