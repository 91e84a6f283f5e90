package segment

import (
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// fileInput is a watershed input dumped as raw C-order arrays into
// $GIPS_WS_DIR: the image (of type t), int32 markers and optionally
// skimage's int32 answer, checked once.
type fileInput struct {
	name         string
	img, mk, ref string
	t            gips.BufferType
	sx, sy, sz   int
	volume       bool
}

// fileInputs: the bench row's 2D input (bench/rows_segment.py flood_input,
// img2.raw uint8 4096x4096); segmentation_timing.py ws's 3D crops
// (256x256x64, markers the components of the 1st percentile); the bench
// row's 3D input (512x512x256 uint16) and its planes 96 to 159 (slab_*.raw:
// a quarter of the time, for comparisons on a busy machine).
var fileInputs = []fileInput{
	{"2D", "img2.raw", "mk2.raw", "ref2.raw", gips.UInt8, 4096, 4096, 1, false},
	{"crop8", "crop_uint8.raw", "crop_uint8_mk.raw", "crop_uint8_ref.raw", gips.UInt8, 256, 256, 64, true},
	{"crop16", "crop_uint16.raw", "crop_uint16_mk.raw", "crop_uint16_ref.raw", gips.UInt16, 256, 256, 64, true},
	{"3D", "full_img.raw", "full_mk.raw", "full_ref.raw", gips.UInt16, 512, 512, 256, true},
	{"slab", "slab_img.raw", "slab_mk.raw", "slab_ref.raw", gips.UInt16, 512, 512, 64, true},
}

// load reads the input; ok false when its files are missing or short.
func (f fileInput) load(dir string) (img, markers *gips.Image, ref []byte, ok bool) {
	g := gips.Geometry2d(f.t, f.sx, f.sy)
	if f.volume {
		g = gips.Geometry3d(f.t, f.sx, f.sy, f.sz)
	}
	img, _ = gips.CreateImage(g)
	markers, _ = gips.CreateImage(g.WithType(gips.Int32))
	if !fillRaw(img, filepath.Join(dir, f.img)) || !fillRaw(markers, filepath.Join(dir, f.mk)) {
		return nil, nil, nil, false
	}
	ref, _ = os.ReadFile(filepath.Join(dir, f.ref))
	return img, markers, ref, true
}

// fillRaw copies a raw file into img row by row.
func fillRaw(img *gips.Image, path string) bool {
	raw, err := os.ReadFile(path)
	rb := img.SizeX() * img.Type().ItemSize()
	if err != nil || len(raw) != rb*img.SizeY()*img.SizeZ() {
		return false
	}
	for z := range img.SizeZ() {
		for y := range img.SizeY() {
			copy(img.Row(z, y), raw[(z*img.SizeY()+y)*rb:])
		}
	}
	return true
}

// BenchmarkWatershedFile floods the bench harness's own inputs (see
// fileInputs), dumped by the caller into $GIPS_WS_DIR; skipped without
// them. Exact mode is checked against skimage's answer when it is there;
// the line mode (watershed_line=True) is timed only.
func BenchmarkWatershedFile(b *testing.B) {
	dir := os.Getenv("GIPS_WS_DIR")
	if dir == "" {
		b.Skip("GIPS_WS_DIR not set")
	}
	for _, f := range fileInputs {
		b.Run(f.name, func(b *testing.B) {
			img, markers, ref, ok := f.load(dir)
			if !ok {
				b.Skip("no input files")
			}
			out, _ := gips.CreateImage(markers.Geometry())
			modes := []struct {
				name string
				opts []Option
			}{
				{"exact", nil},
				{"raster", []Option{WithExactTies(false)}},
				{"line", []Option{WithWatershedLine(true)}},
			}
			for _, m := range modes {
				b.Run(m.name, func(b *testing.B) {
					if err := WatershedInto(out, img, markers, m.opts...); err != nil {
						b.Fatal(err)
					}
					if m.name == "exact" && len(ref) == 4*img.Geometry().Pixels() {
						checkRaw(b, out, ref)
					}
					b.ResetTimer()
					c0 := imgtest.ProcessCPU()
					for b.Loop() {
						if err := WatershedInto(out, img, markers, m.opts...); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(imgtest.ProcessCPU()-c0)/float64(b.N), "cpu-ns/op")
				})
			}
		})
	}
}

// checkRaw fails unless the int32 image out equals the raw array ref.
func checkRaw(b *testing.B, out *gips.Image, ref []byte) {
	n := out.SizeX()
	for z := range out.SizeZ() {
		for y := range out.SizeY() {
			row := unsafe.Slice((*int32)(unsafe.Pointer(&out.Row(z, y)[0])), n)
			want := unsafe.Slice((*int32)(unsafe.Pointer(&ref[4*(z*out.SizeY()+y)*n])), n)
			for x := range n {
				if row[x] != want[x] {
					b.Fatalf("pixel (%d, %d, %d): %d, skimage %d", x, y, z, row[x], want[x])
				}
			}
		}
	}
}
