package morpho

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// forceBall routes every ball footprint (radius >= 1) through the distance
// path, or (on false) none, for the duration of a test.
func forceBall(t testing.TB, on bool) {
	old := ballMinRadius
	if on {
		ballMinRadius = [2]int{1, 1}
	} else {
		ballMinRadius = [2]int{1 << 30, 1 << 30}
	}
	t.Cleanup(func() { ballMinRadius = old })
}

func TestBallR2RecognisesBallsOnly(t *testing.T) {
	for r := 0; r <= 9; r++ {
		for _, se := range []SE{Disk(r), Ball(r)} {
			r2, rr, ok := ballR2(se)
			if !ok || r2 != r*r || rr != r {
				t.Errorf("radius %d size %v: got (%d, %d, %v), want (%d, %d, true)", r, se.Size(), r2, rr, ok, r*r, r)
			}
		}
	}
	// Cross is the ball of R = 1, Diamond(2) that of R = 4 (the same
	// pixels as Disk(2)); a 3x3 FromBools grid of all true is R = 2.
	for _, c := range []struct {
		se SE
		r2 int
	}{{Cross(2), 1}, {Cross(3), 1}, {Diamond(2), 4}, {FromBools([]bool{true, true, true, true, true, true, true, true, false}, 3, 3, 1), -1}} {
		r2, _, ok := ballR2(c.se)
		if (c.r2 < 0) == ok || (ok && r2 != c.r2) {
			t.Errorf("%v: got (%d, %v), want R = %d (-1: not a ball)", c.se.Bools(), r2, ok, c.r2)
		}
	}
	// Not balls: boxes (their own path), Diamond(3) (lacks (2, 2) of
	// R = 9), an octahedron, lines, an off-centre or even footprint, and
	// a footprint whose largest R reaches past its grid.
	full := make([]bool, 9)
	for i := range full {
		full[i] = true
	}
	for name, se := range map[string]SE{
		"box": Box(5, 5, 5), "rect": Rect(3, 3), "diamond3": Diamond(3), "octahedron2": Octahedron(2),
		"line": Line(7, 0), "even": Rect(4, 4), "irregular": irregular(2), "full3x3": FromBools(full, 3, 3, 1),
		"flat-ball": FromBools(Disk(2).Bools(), 5, 1, 5), "box3d": Box(3, 3, 1),
	} {
		if r2, _, ok := ballR2(se); ok && name != "full3x3" {
			t.Errorf("%s: taken for a ball of R = %d", name, r2)
		}
	}
}

// bruteBall is the binary erosion (or dilation) of the 0/1 volume a (dims
// nx, ny, nz) by the ball of squared radius r2 (a disk in each plane when
// planar), straight from the definition, pixels beyond the border being
// border.
func bruteBall(a []uint8, nx, ny, nz, r2 int, planar, dilate, border bool) []uint8 {
	r := 0
	for (r+1)*(r+1) <= r2 {
		r++
	}
	rz := r
	if planar {
		rz = 0
	}
	out := make([]uint8, len(a))
	for z := range nz {
		for y := range ny {
			for x := range nx {
				res := !dilate // erosion: all true; dilation: any true
				for dz := -rz; dz <= rz; dz++ {
					for dy := -r; dy <= r; dy++ {
						for dx := -r; dx <= r; dx++ {
							if dx*dx+dy*dy+dz*dz > r2 {
								continue
							}
							v := border
							if xx, yy, zz := x+dx, y+dy, z+dz; xx >= 0 && xx < nx && yy >= 0 && yy < ny && zz >= 0 && zz < nz {
								v = a[(zz*ny+yy)*nx+xx] != 0
							}
							if dilate && v {
								res = true
							}
							if !dilate && !v {
								res = false
							}
						}
					}
				}
				out[(z*ny+y)*nx+x] = b2u(res)
			}
		}
	}
	return out
}

// TestBinaryBallMatchesBruteForce runs the four binary ops through the
// distance path on random and blob images, 2D, 3D and thin, by disks and
// balls of radius 1 to 8 (and disks on volumes, plane by plane), with both
// border values, against the definition.
func TestBinaryBallMatchesBruteForce(t *testing.T) {
	forceBall(t, true)
	rng := rand.New(rand.NewPCG(10, 11))
	type shape struct{ nx, ny, nz int }
	shapes := []shape{{31, 23, 1}, {1, 17, 1}, {19, 1, 1}, {2, 2, 1}, {15, 13, 11}, {9, 11, 1}, {1, 1, 14}, {12, 1, 9}, {7, 8, 2}}
	if testing.Short() {
		shapes = shapes[:6]
	}
	for _, sh := range shapes {
		vol := sh.nz > 1
		var imgs []*gips.Image
		for k := range 2 {
			g := gips.Geometry2d(gips.Binary, sh.nx, sh.ny)
			if vol {
				g = gips.Geometry3d(gips.Binary, sh.nx, sh.ny, sh.nz)
			}
			img, err := gips.CreateImage(g)
			if err != nil {
				t.Fatal(err)
			}
			ps, _ := gips.WritablePlanes[uint8](img)
			for _, p := range ps {
				for y := range sh.ny {
					for x := range p.Row(y) {
						// Mostly true (erosion has work), true as 1 or 255;
						// the second image is sparse (dilation has work).
						if rng.IntN(10) < 8-5*k {
							p.Row(y)[x] = uint8(1 + 254*rng.IntN(2))
						}
					}
				}
			}
			imgs = append(imgs, img)
		}
		if sh.nx > 8 && sh.ny > 8 {
			imgs = append(imgs, imgtest.Blobs(sh.nx, sh.ny, sh.nz, vol))
		}
		for ii, img := range imgs {
			a := binaryBytes(t, img)
			for r := 1; r <= 8; r++ {
				ses := []SE{Disk(r)}
				if vol {
					ses = append(ses, Ball(r))
				}
				for _, se := range ses {
					planar := se.Size()[2] == 1
					for _, border := range []bool{false, true} {
						er := bruteBall(a, sh.nx, sh.ny, sh.nz, r*r, planar, false, border)
						di := bruteBall(a, sh.nx, sh.ny, sh.nz, r*r, planar, true, border)
						want := [][]uint8{er, di,
							bruteBall(er, sh.nx, sh.ny, sh.nz, r*r, planar, true, border),
							bruteBall(di, sh.nx, sh.ny, sh.nz, r*r, planar, false, border)}
						for bi, f := range binFuncs {
							// Both transforms: the int32 one and the
							// distance package's (lines beyond maxEnvLine).
							for _, intEDT := range []bool{true, false} {
								ballIntEDT = intEDT
								out, err := gips.CreateImage(img.Geometry())
								if err != nil {
									t.Fatal(err)
								}
								err = f(out, img, se, WithBorderValue(border))
								ballIntEDT = true
								if err != nil {
									t.Fatal(err)
								}
								name := fmt.Sprintf("%v img%d %s %v r%d border %v int %v", sh, ii, binNames[bi], se.Size(), r, border, intEDT)
								compare(t, name, binaryBytes(t, out), want[bi])
							}
						}
					}
				}
			}
		}
	}
}

// binaryBytes is the image's pixels, x fastest, then y, then z.
func binaryBytes(t testing.TB, img *gips.Image) []uint8 {
	ps, err := gips.Planes[uint8](img)
	if err != nil {
		t.Fatal(err)
	}
	g := img.Geometry()
	var out []uint8
	for _, p := range ps {
		for y := range g.SizeY {
			out = append(out, p.Row(y)...)
		}
	}
	return out
}

// TestBinaryBallMatchesLinePathEveryLayout compares the distance path with
// the line-based path in every layout the binary tests use (channels,
// time points, views), on Binary and UInt8 inputs, in place too; a
// footprint that is not a ball takes the line path either way.
func TestBinaryBallMatchesLinePathEveryLayout(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 13))
	fps := map[int][]SE{2: {Disk(1), Disk(3), Disk(5)}, 3: {Ball(1), Ball(2), Ball(4), Disk(3), Octahedron(2)}}
	for _, bt := range []gips.BufferType{gips.Binary, gips.UInt8} {
		for _, c := range imgtest.Samples(t, rng, bt, binaryValues(rng)) {
			nd := 2
			if is3D(c.Name) {
				nd = 3
			}
			for _, se := range fps[nd] {
				for _, border := range []bool{false, true} {
					for bi, f := range binFuncs {
						run := func(ball bool) []uint8 {
							forceBall(t, ball)
							out, err := gips.CreateImage(c.Img.Geometry().WithType(gips.Binary))
							if err != nil {
								t.Fatal(err)
							}
							if err := f(out, c.Img, se, WithBorderValue(border)); err != nil {
								t.Fatal(err)
							}
							return binaryBytes(t, out)
						}
						name := fmt.Sprintf("%s %s %v border %v", c.Name, binNames[bi], se.Size(), border)
						compare(t, name, run(true), run(false))
					}
				}
			}
		}
	}
	// In place: dst is src.
	forceBall(t, true)
	img := imgtest.Blobs(40, 30, 20, true)
	want, err := BinaryOpening(img, Ball(3))
	if err != nil {
		t.Fatal(err)
	}
	if err := BinaryOpeningInto(img, img, Ball(3)); err != nil {
		t.Fatal(err)
	}
	compare(t, "in place", binaryBytes(t, img), binaryBytes(t, want))
}

// TestBinaryBallMatchesScipy compares the distance path with
// scipy.ndimage.binary_* (iterations=1) by disks and balls, both border
// values, in every Grid layout.
func TestBinaryBallMatchesScipy(t *testing.T) {
	forceBall(t, true)
	rng := rand.New(rand.NewPCG(14, 15))
	fps := map[int][]SE{2: {Disk(2), Disk(4)}, 3: {Ball(2), Ball(3), Disk(2)}}
	inp := map[string]gips.Array{}
	var script strings.Builder
	fmt.Fprintf(&script, "import scipy.ndimage as ndi\n%s\nbins = [ndi.binary_erosion, ndi.binary_dilation, ndi.binary_opening, ndi.binary_closing]\n", pyApply)
	for nd, l := range fps {
		for i, s := range l {
			inp[fmt.Sprintf("fp%d_%d", nd, i)] = seArray(s)
		}
	}
	var samples []imgtest.Sample
	for _, c := range imgtest.Samples(t, rng, gips.Binary, binaryValues(rng)) {
		samples = append(samples, c)
		inp[c.Name] = c.Arr
		nd := 2
		if is3D(c.Name) {
			nd = 3
		}
		fmt.Fprintf(&script, "out[%q] = np.stack([apply(%q, inp[%q], lambda a: b(a != 0, fit(inp['fp%d_%%d' %% fp], a), border_value=bv)) for b in bins for fp in range(%d) for bv in (0, 1)]).astype(np.uint8)\n",
			c.Name, c.Name, c.Name, nd, len(fps[nd]))
	}
	ref := testref.Run(t, script.String(), inp)
	for _, c := range samples {
		nd := 2
		if is3D(c.Name) {
			nd = 3
		}
		k := 0
		for bi, f := range binFuncs {
			for _, se := range fps[nd] {
				for _, border := range []bool{false, true} {
					out, err := gips.CreateImage(c.Img.Geometry().WithType(gips.Binary))
					if err != nil {
						t.Fatal(err)
					}
					if err := f(out, c.Img, se, WithBorderValue(border)); err != nil {
						t.Fatal(err)
					}
					a, _ := out.Array()
					imgtest.Equal(t, fmt.Sprintf("%s %s %v border %v", c.Name, binNames[bi], se.Size(), border), a, ref[c.Name].Index(0, k))
					k++
				}
			}
		}
	}
}

// BenchmarkBinaryErodeBall is the cost of BinaryErode by Ball(r) on a
// 256x256x128 volume and by Disk(r) on the 4096² image against r (issue
// 10: ball(20) within 5x of ball(1)), through the path the op picks
// ("auto") and through the line-based path ("lines").
func BenchmarkBinaryErodeBall(b *testing.B) {
	g3 := gips.Geometry3d(gips.Binary, 256, 256, 128)
	g2 := imgtest.Bench2D.Geom.WithType(gips.Binary)
	for _, c := range []struct {
		name string
		g    gips.Geometry
		se   func(int) SE
		rs   []int
	}{{"ball", g3, Ball, []int{1, 2, 3, 5, 6, 10, 20}}, {"disk", g2, Disk, []int{1, 2, 3, 4, 5, 10, 20, 30, 40}}} {
		in := imgtest.Blobs(c.g.SizeX, c.g.SizeY, c.g.SizeZ, c.g.Volume)
		out := imgtest.BenchOutput(b, c.g)
		for _, path := range []string{"auto", "lines", "edt"} {
			for _, r := range c.rs {
				b.Run(fmt.Sprintf("%s/%s%d", path, c.name, r), func(b *testing.B) {
					if path != "auto" {
						forceBall(b, path == "edt")
					}
					b.SetBytes(imgtest.PixelBytes(c.g))
					cpu0 := imgtest.ProcessCPU()
					for b.Loop() {
						if err := BinaryErodeInto(out, in, c.se(r)); err != nil {
							b.Fatal(err)
						}
					}
					// The machine is shared: CPU time (all threads) is the
					// steadier measure.
					b.ReportMetric(float64(imgtest.ProcessCPU()-cpu0)/float64(b.N), "cpu-ns/op")
				})
			}
		}
	}
}
