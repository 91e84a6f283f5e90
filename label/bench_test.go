package label

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

var benchBlobs = map[string]*gips.Image{}

func benchImage(name string) *gips.Image {
	if img := benchBlobs[name]; img != nil {
		return img
	}
	var img *gips.Image
	if name == "2D" {
		img = imgtest.Blobs(4096, 4096, 1, false)
	} else {
		img = imgtest.Blobs(512, 512, 256, true)
	}
	benchBlobs[name] = img
	return img
}

// BenchmarkComponents: the bench rows' sizes, Binary blobs, full
// connectivity, into a Label32 image.
func BenchmarkComponents(b *testing.B) {
	for _, name := range []string{"2D", "3D"} {
		b.Run(name, func(b *testing.B) {
			img := benchImage(name)
			out, _ := gips.CreateImage(img.Geometry().WithType(gips.Label32))
			b.SetBytes(int64(img.Geometry().Pixels()))
			for b.Loop() {
				if _, err := ComponentsInto(out, img, gips.Full); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkComponentsBenchInput: the bench harness's own binary inputs
// (bench/inputs.py, 4096² and 512x512x256), dumped as raw bytes (numpy
// binary_u8.tofile) into the directory named by GIPS_LABEL_INPUTS as 2d.raw
// and 3d.raw; skipped without it. Label32 output, as the registry gives;
// the -count runs time Count (the label_count row).
func BenchmarkComponentsBenchInput(b *testing.B) {
	dir := os.Getenv("GIPS_LABEL_INPUTS")
	if dir == "" {
		b.Skip("GIPS_LABEL_INPUTS not set")
	}
	for _, name := range []string{"2d", "3d", "2d-count", "3d-count", "2d-faces", "3d-faces"} {
		b.Run(name, func(b *testing.B) {
			count := strings.HasSuffix(name, "-count")
			conn := gips.Full
			if strings.HasSuffix(name, "-faces") {
				conn = gips.Conn4
				if strings.HasPrefix(name, "3d") {
					conn = gips.Conn6
				}
			}
			name = strings.TrimSuffix(strings.TrimSuffix(name, "-count"), "-faces")
			raw, err := os.ReadFile(filepath.Join(dir, name+".raw"))
			if err != nil {
				b.Skip(err)
			}
			g := gips.Geometry2d(gips.Binary, 4096, 4096)
			if name == "3d" {
				g = gips.Geometry3d(gips.Binary, 512, 512, 256)
			}
			img, err := gips.CreateImage(g)
			if err != nil || len(raw) != g.Pixels() {
				b.Fatal(err, len(raw))
			}
			for i := 0; i < g.Pixels(); i += g.SizeX {
				copy(img.Row(i/g.SizeX/g.SizeY, i/g.SizeX%g.SizeY), raw[i:i+g.SizeX])
			}
			out, _ := gips.CreateImage(g.WithType(gips.Label32))
			b.SetBytes(int64(g.Pixels()))
			// One call first: the output's pages are mapped by its first
			// write (Go maps large allocations untouched), which is not
			// the labelling's cost; the pooled lists are made then too.
			if _, err := ComponentsInto(out, img, conn); err != nil {
				b.Fatal(err)
			}
			c0 := imgtest.ProcessCPU()
			for b.Loop() {
				var err error
				if count {
					_, err = Count(img, conn)
				} else {
					_, err = ComponentsInto(out, img, conn)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(imgtest.ProcessCPU()-c0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkPhases times the labelling's passes apart on the 3D bench
// input's first 32 planes (GIPS_LABEL_INPUTS as above; imgtest's blobs
// without it): build (count, find and join the nodes: the quads' clusters
// there) and paint (write the labels), for A/B comparisons of either
// (-cpu 1 for one thread); build-runs and paint-runs time the runs'
// passes on the same volume (quadsOn off). GIPS_LABEL_PLANES sets another number of planes: the whole
// volume's output (256) no longer fits in the caches, 32 planes' nearly.
func BenchmarkPhases(b *testing.B) {
	var img *gips.Image
	if dir := os.Getenv("GIPS_LABEL_INPUTS"); dir == "" {
		img = benchImage("3D")
	} else {
		raw, err := os.ReadFile(filepath.Join(dir, "3d.raw"))
		if err != nil {
			b.Fatal(err)
		}
		img, _ = gips.CreateImage(gips.Geometry3d(gips.Binary, 512, 512, 256))
		for i := 0; i < len(raw); i += 512 {
			copy(img.Row(i/512/512, i/512%512), raw[i:i+512])
		}
	}
	g := img.Geometry()
	nz := 32
	if s := os.Getenv("GIPS_LABEL_PLANES"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 && n <= g.SizeZ {
			nz = n
		}
	}
	sub, err := gips.CreateImage(gips.Geometry3d(gips.Binary, g.SizeX, g.SizeY, nz))
	if err != nil {
		b.Fatal(err)
	}
	for z := range nz {
		for y := range g.SizeY {
			copy(sub.Row(z, y), img.Row(z, y))
		}
	}
	out, _ := gips.CreateImage(sub.Geometry().WithType(gips.Label32))
	defer func(on bool) { quadsOn = on }(quadsOn)
	// The runs' passes too (quadsOn off), for A/B runs in one process.
	for _, quads := range []bool{true, false} {
		quadsOn = quads
		suffix := map[bool]string{true: "", false: "-runs"}[quads]
		b.Run("build"+suffix, func(b *testing.B) {
			c0 := imgtest.ProcessCPU()
			defer func() { b.ReportMetric(float64(imgtest.ProcessCPU()-c0)/float64(b.N), "cpu-ns/op") }()
			for b.Loop() {
				f, err := build(sub, gips.Full, true)
				if err != nil {
					b.Fatal(err)
				}
				f.release()
			}
		})
		f, err := build(sub, gips.Full, true)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("paint"+suffix, func(b *testing.B) {
			c0 := imgtest.ProcessCPU()
			defer func() { b.ReportMetric(float64(imgtest.ProcessCPU()-c0)/float64(b.N), "cpu-ns/op") }()
			for b.Loop() {
				if err := f.paint(out, 0, false, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		f.release()
	}
}

// BenchmarkLabelValues: labelSizes and relabelSequential of the 3D blobs'
// components (int32, as numpy gives them to the bench rows).
func BenchmarkLabelValues(b *testing.B) {
	img := benchImage("3D")
	lab, _ := gips.CreateImage(img.Geometry().WithType(gips.Label32))
	if _, err := ComponentsInto(lab, img, gips.Full); err != nil {
		b.Fatal(err)
	}
	ints, _ := gips.CreateImage(img.Geometry().WithType(gips.Int32))
	lp, _ := gips.Planes[uint32](lab)
	ip, _ := gips.WritablePlanes[int32](ints)
	for i := range lp {
		for y := range lp[i].Height {
			for x, v := range lp[i].Row(y) {
				ip[i].Row(y)[x] = int32(v)
			}
		}
	}
	out, _ := gips.CreateImage(ints.Geometry())
	b.SetBytes(4 * int64(img.Geometry().Pixels()))
	b.Run("labelSizes", func(b *testing.B) {
		for b.Loop() {
			if _, err := LabelSizes(ints); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("relabel", func(b *testing.B) {
		for b.Loop() {
			if _, err := RelabelSequentialInto(out, ints); err != nil {
				b.Fatal(err)
			}
		}
	})
}
