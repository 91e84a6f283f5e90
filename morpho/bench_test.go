package morpho

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/nbhd"
)

// The benchmarks run on the shared benchmark images (4096² UInt8 and
// 512x512x256 UInt16) and report the bytes of the image read per op.

func benchGrey(b *testing.B, f func(dst, src *gips.Image, se SE, opts ...Option) error, ses map[string]SE) {
	for _, s := range imgtest.BenchSizes {
		in := imgtest.BenchImages(b, s.Geom, 1)[0]
		out := imgtest.BenchOutput(b, s.Geom)
		for name, se := range ses {
			if se.size[2] > 1 && !s.Geom.Volume {
				continue
			}
			b.Run(s.Name+"/"+name, func(b *testing.B) {
				b.SetBytes(imgtest.PixelBytes(s.Geom))
				cpu := imgtest.StartCPU(b)
				for b.Loop() {
					if err := f(out, in, se); err != nil {
						b.Fatal(err)
					}
				}
				cpu.Report()
			})
		}
	}
}

func BenchmarkErode(b *testing.B) {
	benchGrey(b, ErodeInto, map[string]SE{"box3": Box(3, 3, 3), "box15": Box(15, 15, 15), "rect3": Rect(3, 3), "disk5": Disk(5), "ball3": Ball(3)})
}

func BenchmarkDilate(b *testing.B) {
	benchGrey(b, DilateInto, map[string]SE{"box3": Box(3, 3, 3)})
}

func BenchmarkBinaryErode(b *testing.B) {
	for _, s := range imgtest.BenchSizes {
		g := s.Geom.WithType(gips.Binary)
		in := imgtest.BenchImages(b, g, 1)[0]
		out := imgtest.BenchOutput(b, g)
		for name, se := range map[string]SE{"cross": Cross(ndim(g)), "box3": Box(3, 3, 3)} {
			if !g.Volume && name == "box3" {
				se = Rect(3, 3)
			}
			b.Run(s.Name+"/"+name, func(b *testing.B) {
				b.SetBytes(imgtest.PixelBytes(g))
				cpu := imgtest.StartCPU(b)
				for b.Loop() {
					if err := BinaryErodeInto(out, in, se); err != nil {
						b.Fatal(err)
					}
				}
				cpu.Report()
			})
		}
	}
}

// BenchmarkErodeBall is the cost of the grey erosion by Ball(r) against r
// on a 256x256x128 UInt16 volume (issue 10: how ball(20) compares with
// ball(1)); BenchmarkErodeDisk the same for Disk(r) on the 2D image.
func BenchmarkErodeBall(b *testing.B) {
	g := gips.Geometry3d(gips.UInt16, 256, 256, 128)
	in := imgtest.BenchImages(b, g, 1)[0]
	out := imgtest.BenchOutput(b, g)
	for _, r := range []int{1, 2, 5, 10, 20} {
		b.Run(fmt.Sprintf("ball%d", r), func(b *testing.B) {
			b.SetBytes(imgtest.PixelBytes(g))
			cpu0 := imgtest.ProcessCPU()
			for b.Loop() {
				if err := ErodeInto(out, in, Ball(r)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(imgtest.ProcessCPU()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

func BenchmarkErodeDisk(b *testing.B) {
	g := imgtest.Bench2D.Geom
	in := imgtest.BenchImages(b, g, 1)[0]
	out := imgtest.BenchOutput(b, g)
	for _, r := range []int{1, 2, 5, 10, 20, 50} {
		b.Run(fmt.Sprintf("disk%d", r), func(b *testing.B) {
			b.SetBytes(imgtest.PixelBytes(g))
			cpu0 := imgtest.ProcessCPU()
			for b.Loop() {
				if err := ErodeInto(out, in, Disk(r)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(imgtest.ProcessCPU()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkRegional is RegionalMaxima and RegionalMinima at full
// connectivity on the benchmark images.
func BenchmarkRegional(b *testing.B) {
	for _, s := range imgtest.BenchSizes {
		in := imgtest.BenchImages(b, s.Geom, 1)[0]
		out := imgtest.BenchOutput(b, s.Geom.WithType(gips.Binary))
		ops := map[string]func() error{
			"max": func() error { return RegionalMaximaInto(out, in, gips.Full) },
			"min": func() error { return RegionalMinimaInto(out, in, gips.Full) },
		}
		for name, f := range ops {
			b.Run(s.Name+"/"+name, func(b *testing.B) {
				b.SetBytes(imgtest.PixelBytes(s.Geom))
				for b.Loop() {
					if err := f(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkTophat is the top-hats and the gradient by the 3x3 (3x3x3) box.
func BenchmarkTophat(b *testing.B) {
	benchGrey(b, WhiteTophatInto, map[string]SE{"white3": Rect(3, 3)})
	benchGrey(b, BlackTophatInto, map[string]SE{"black3": Rect(3, 3)})
	benchGrey(b, GradientInto, map[string]SE{"gradient3": Rect(3, 3)})
}

// BenchmarkChordsBall is the 3D chord kernel that shares the slices of
// equal z offsets (lines3z) against the one that reads every chord per
// output voxel (lines3), on a 256x256x64 UInt16 volume, by ball radius.
func BenchmarkChordsBall(b *testing.B) {
	d := nbhd.Dims{NX: 256, NY: 256, NZ: 64}
	src := make([]uint16, d.Len())
	for i := range src {
		src[i] = uint16(i * 7919)
	}
	dst := make([]uint16, d.Len())
	for _, r := range []int{1, 5, 10, 20} {
		p := makePlan(Ball(r), false, d, gips.Reflect)
		for name, k := range map[string]func(dst, src vview[uint16], d nbhd.Dims, p plan, hi bool, m gips.BorderMode, cval uint16, post func(y, z int, row []uint16)) error{
			"shared": lines3z[uint16], "perVoxel": lines3[uint16]} {
			b.Run(fmt.Sprintf("%s/ball%d", name, r), func(b *testing.B) {
				b.SetBytes(int64(2 * d.Len()))
				cpu0 := imgtest.ProcessCPU()
				for b.Loop() {
					if err := k(bufView(dst, d), bufView(src, d), d, p, false, gips.Reflect, 0, nil); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(imgtest.ProcessCPU()-cpu0)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// BenchmarkFillHoles is FillHoles with the default cross on the binary
// benchmark images (random bits: a maze) and on natural blobs: the span
// flood (fillspan.go), the union-find over runs (fillruns.go) and the
// graph flood (fill.go), with the CPU time per op (the machine is shared).
func BenchmarkFillHoles(b *testing.B) {
	for _, s := range imgtest.BenchSizes {
		g := s.Geom.WithType(gips.Binary)
		d := nbhd.DimsOf(g)
		for _, kind := range []string{"maze", "blobs"} {
			img := imgtest.Blobs(d.NX, d.NY, d.NZ, g.Volume)
			if kind == "maze" {
				img = imgtest.BenchImages(b, g, 1)[0]
			}
			vol, res := make([]uint8, d.Len()), make([]uint8, d.Len())
			in, err := gips.Planes[uint8](img)
			if err != nil {
				b.Fatal(err)
			}
			nbhd.Gather(vol, in, g, 0)
			ones(vol)
			se := Cross(ndim(g))
			_, z := crossFaces(se.Offsets())
			links, _ := runLinks(se.Offsets())
			for _, m := range []string{"spans", "runs", "graph"} {
				if m == "graph" && kind == "blobs" {
					continue
				}
				b.Run(s.Name+"/"+kind+"/"+m, func(b *testing.B) {
					b.SetBytes(int64(d.Len()))
					cpu := imgtest.StartCPU(b)
					for b.Loop() {
						switch m {
						case "spans":
							fillSpans(res, vol, d, z)
						case "runs":
							if _, err := fillRuns(res, vol, d, links); err != nil {
								b.Fatal(err)
							}
						default:
							fillHoles(res, vol, newGraph(d, se.Offsets()))
						}
					}
					cpu.Report()
				})
			}
		}
	}
}

// BenchmarkOpenClose2D is the opening, closing and top-hats by the 3x3
// square (and the gradient) on the 4096² UInt8 image against the erosion alone, fused band
// by band (boxopen.go) and through the volume-sized intermediate (2pass),
// with the CPU time per op (the machine is shared).
func BenchmarkOpenClose2D(b *testing.B) {
	s := imgtest.Bench2D
	in := imgtest.BenchImages(b, s.Geom, 1)[0]
	out := imgtest.BenchOutput(b, s.Geom)
	for _, c := range []struct {
		name string
		f    func(dst, src *gips.Image, se SE, opts ...Option) error
	}{{"erode3", ErodeInto}, {"dilate3", DilateInto}, {"opening3", OpeningInto}, {"closing3", ClosingInto}, {"white3", WhiteTophatInto}, {"gradient3", GradientInto}} {
		for _, fused := range []bool{true, false} {
			name := c.name
			if !fused {
				if c.name[0] == 'e' || c.name[0] == 'd' {
					continue
				}
				name += "/2pass" // through the volume-sized intermediate (before boxopen.go)
			}
			b.Run(name, func(b *testing.B) {
				fuseBox = fused
				defer func() { fuseBox = true }()
				b.SetBytes(imgtest.PixelBytes(s.Geom))
				cpu := imgtest.StartCPU(b)
				for b.Loop() {
					if err := c.f(out, in, Rect(3, 3)); err != nil {
						b.Fatal(err)
					}
				}
				cpu.Report()
			})
		}
	}
}

// BenchmarkBinaryOpenClose2D is the binary opening and closing by the 2D
// cross on the 4096² Binary image, fused band by band (bincross.go) and
// through the volume-sized intermediate (2pass), with the CPU time per op.
func BenchmarkBinaryOpenClose2D(b *testing.B) {
	g := imgtest.Bench2D.Geom.WithType(gips.Binary)
	in := imgtest.BenchImages(b, g, 1)[0]
	out := imgtest.BenchOutput(b, g)
	for _, c := range []struct {
		name string
		f    func(dst, src *gips.Image, se SE, opts ...BinaryOption) error
	}{{"erode", BinaryErodeInto}, {"opening", BinaryOpeningInto}, {"closing", BinaryClosingInto}} {
		for _, fused := range []bool{true, false} {
			name := c.name
			if !fused {
				if c.name == "erode" {
					continue
				}
				name += "/2pass"
			}
			b.Run(name, func(b *testing.B) {
				fuseBox = fused
				defer func() { fuseBox = true }()
				b.SetBytes(imgtest.PixelBytes(g))
				cpu := imgtest.StartCPU(b)
				for b.Loop() {
					if err := c.f(out, in, Cross(2)); err != nil {
						b.Fatal(err)
					}
				}
				cpu.Report()
			})
		}
	}
}

// BenchmarkBoxSize is the cost of the box erosion and dilation against
// the size (issue 10: size 15 at most 1.5x size 3): Rect on the 2D image,
// Box on the 3D volume (7 is the 3D bench row's size).
func BenchmarkBoxSize(b *testing.B) {
	for _, s := range imgtest.BenchSizes {
		in := imgtest.BenchImages(b, s.Geom, 1)[0]
		out := imgtest.BenchOutput(b, s.Geom)
		for _, op := range []struct {
			name string
			f    func(dst, src *gips.Image, se SE, opts ...Option) error
		}{{"erode", ErodeInto}, {"dilate", DilateInto}} {
			for _, k := range []int{3, 7, 15} {
				se := Rect(k, k)
				if s.Geom.Volume {
					se = Box(k, k, k)
				}
				b.Run(fmt.Sprintf("%s/%s%d", s.Name, op.name, k), func(b *testing.B) {
					b.SetBytes(imgtest.PixelBytes(s.Geom))
					cpu := imgtest.StartCPU(b)
					for b.Loop() {
						if err := op.f(out, in, se); err != nil {
							b.Fatal(err)
						}
					}
					cpu.Report()
				})
			}
		}
	}
}

// BenchmarkErodeLine is a grey erosion by lines of 15 pixels at several
// angles on the 2D benchmark image (the bench's erode_line15 row is 45°).
// (Reading the interior of a tile straight from the image instead of from
// the ring's extended copies made 45° twice as slow, 4.0 -> 8.3 ms CPU at
// one thread, 2026-12-01: its rows lie 4096 bytes apart, so the 11 rows a
// diagonal reads fall in the same L1 sets; the ring's copies do not.)
func BenchmarkErodeLine(b *testing.B) {
	g := imgtest.Bench2D.Geom
	in := imgtest.BenchImages(b, g, 1)[0]
	out := imgtest.BenchOutput(b, g)
	for _, a := range []float64{0, 30, 45, 90} {
		b.Run(fmt.Sprintf("line15_%g", a), func(b *testing.B) {
			b.SetBytes(imgtest.PixelBytes(g))
			cpu0 := imgtest.ProcessCPU()
			for b.Loop() {
				if err := ErodeInto(out, in, Line(15, a)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(imgtest.ProcessCPU()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkReconstruct is the bench harness's reconstruct and h-maxima
// rows in Go: a smooth 4096x4096 uint8 field with pixel noise (the
// harness's kind of input), the seed the image minus h = 21 (clipped at
// 0), Rect(3, 3).
func BenchmarkReconstruct(b *testing.B) {
	const n, h = 4096, 21
	g := gips.Geometry{SizeX: n, SizeY: n, SizeZ: 1, SizeC: 1, SizeT: 1, Type: gips.UInt8}
	img, seed := imgtest.BenchOutput(b, g), imgtest.BenchOutput(b, g)
	ip, _ := gips.WritablePlanes[uint8](img)
	sp, _ := gips.WritablePlanes[uint8](seed)
	rng := rand.New(rand.NewPCG(3, 4))
	for y := range n {
		for x := range n {
			v := 128 + 70*math.Sin(float64(x)/97)*math.Cos(float64(y)/131) + 25*math.Sin(float64(x+2*y)/23) + rng.NormFloat64()*6
			ip[0].Row(y)[x] = uint8(max(0, min(255, math.Round(v))))
			sp[0].Row(y)[x] = max(ip[0].Row(y)[x], h) - h
		}
	}
	out := imgtest.BenchOutput(b, g)
	bin := imgtest.BenchOutput(b, g.WithType(gips.Binary))
	ops := []struct {
		name string
		f    func() error
	}{
		{"reconstruct", func() error { return ReconstructInto(out, seed, img, ByDilation, Rect(3, 3)) }},
		{"hMaxima", func() error { return HMaximaInto(bin, img, h, Rect(3, 3)) }},
	}
	for _, op := range ops {
		b.Run(op.name, func(b *testing.B) {
			cpu0 := imgtest.ProcessCPU()
			for b.Loop() {
				if err := op.f(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(imgtest.ProcessCPU()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}
