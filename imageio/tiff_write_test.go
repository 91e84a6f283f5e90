package imageio

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/testref"
)

type writeCase struct {
	name string
	geom gips.Geometry
	opts Options
	cal  gips.Calibration
}

func writeCases() []writeCase {
	cal := gips.Calibration{X: 0.25, Y: 0.5, Z: 1.5, Unit: "um"}
	def := gips.DefaultCalibration
	var cs []writeCase
	for _, bt := range []gips.BufferType{gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.UInt32, gips.Int32, gips.Real32, gips.Real64} {
		cs = append(cs, writeCase{"stack_" + bt.String(), gips.Geometry3d(bt, 17, 13, 3), Options{}, def})
	}
	mc := gips.GeometryMultiChannel3d(gips.UInt16, 17, 13, 3, 2)
	mc.SizeT, mc.Sequence = 2, true
	return append(cs,
		writeCase{"deflate_pred_u16", gips.Geometry3d(gips.UInt16, 17, 13, 2), Options{Compression: Deflate, Predictor: true}, def},
		writeCase{"deflate_pred_i32", gips.Geometry2d(gips.Int32, 17, 13), Options{Compression: Deflate, Predictor: true}, def},
		writeCase{"deflate_f64", gips.Geometry3d(gips.Real64, 17, 13, 2), Options{Compression: Deflate, Predictor: true}, def},
		writeCase{"rgb_planar_u8", gips.GeometryRgb2d(gips.UInt8, 17, 13), Options{}, def},
		writeCase{"rgb_chunky_u16_deflate", gips.GeometryRgb3d(gips.UInt16, 17, 13, 2), Options{Chunky: true, Compression: Deflate, Predictor: true}, def},
		writeCase{"hyperstack_tczyx_u16", mc, Options{}, cal},
		writeCase{"multichannel_2d_f32", gips.GeometryMultiChannel2d(gips.Real32, 17, 13, 4), Options{}, cal},
		writeCase{"sequence_2d_u8", gips.GeometrySequence2d(gips.UInt8, 17, 13, 5), Options{}, gips.Calibration{X: 0.125, Y: 0.125, Z: 1, Unit: "µm"}},
		writeCase{"volume_calibrated_f32", gips.Geometry3d(gips.Real32, 17, 13, 4), Options{Compression: Deflate}, gips.Calibration{X: 0.3, Y: 0.3, Z: 2, Unit: "micron"}},
		writeCase{"binary_2d", gips.Geometry2d(gips.Binary, 19, 13), Options{}, def},
		writeCase{"binary_3d_deflate", gips.Geometry3d(gips.Binary, 9, 5, 3), Options{Compression: Deflate}, def},
		writeCase{"bigtiff_u16", gips.Geometry3d(gips.UInt16, 17, 13, 3), Options{BigTIFF: true, Compression: Deflate}, cal},
	)
}

// TestSaveTIFFReadByGips checks that gips reads back what it writes:
// geometry, calibration and every pixel.
func TestSaveTIFFReadByGips(t *testing.T) {
	dir := t.TempDir()
	for i, c := range writeCases() {
		t.Run(c.name, func(t *testing.T) {
			img := randomImage(t, c.geom, uint64(i))
			img.SetCalibration(c.cal)
			path := filepath.Join(dir, c.name+".tif")
			if err := Save(path, img, &c.opts); err != nil {
				t.Fatal(err)
			}
			back, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			sameImage(t, back, img)
			if got := back.Calibration(); !nearCal(got, c.cal) {
				t.Errorf("calibration %+v, want %+v", got, c.cal)
			}
		})
	}
}

func nearCal(a, b gips.Calibration) bool {
	near := func(x, y float64) bool { return math.Abs(x-y) <= 1e-6*math.Abs(y) }
	return near(a.X, b.X) && near(a.Y, b.Y) && near(a.Z, b.Z) && a.Unit == b.Unit
}

// tifffileRead is the Python side of TestSaveTIFFReadByTifffile: the
// series as tifffile reads it, in gips axis order, with its calibration
// and ImageJ axes.
const tifffileRead = `
import tifffile
p = bytes(inp["path"]).decode()
with tifffile.TiffFile(p) as t:
    s = t.series[0]
    a, axes = s.asarray(), s.axes
    ij = t.imagej_metadata or {}
    tags = t.pages[0].tags
    xr, yr = tags["XResolution"].value, tags["YResolution"].value
axes = axes.replace("Q", "Z").replace("I", "Z").replace("S", "C")
want = [x for x in "TCZYX" if x in axes]
out["a"] = np.transpose(a, [axes.index(x) for x in want])
out["axes"] = np.frombuffer("".join(want).encode(), np.uint8)
out["cal"] = np.array([xr[1] / xr[0], yr[1] / yr[0], float(ij.get("spacing", 1.0))])
out["unit"] = np.frombuffer((str(ij.get("unit", "")) + "|").encode(), np.uint8)
out["ij"] = np.array([ij.get("channels", 1), ij.get("slices", 1), ij.get("frames", 1)], dtype=float)
`

// TestSaveTIFFReadByTifffile checks every written file with tifffile:
// shape, dtype, values, calibration and the ImageJ hyperstack axes.
func TestSaveTIFFReadByTifffile(t *testing.T) {
	testref.Python(t)
	dir := t.TempDir()
	for i, c := range writeCases() {
		t.Run(c.name, func(t *testing.T) {
			img := randomImage(t, c.geom, uint64(i))
			img.SetCalibration(c.cal)
			path := filepath.Join(dir, c.name+".tif")
			if err := Save(path, img, &c.opts); err != nil {
				t.Fatal(err)
			}
			out := testref.Run(t, tifffileRead, map[string]gips.Array{"path": pathArray(path)})
			checkAgainst(t, img, out["a"])
			wantType := c.geom.Type
			if got, _ := out["a"].DType.BufferType(); got != wantType {
				t.Errorf("tifffile dtype %s for %v", out["a"].DType, wantType)
			}
			g := c.geom
			wantAxes := ""
			for _, ax := range []struct {
				has bool
				s   string
			}{{g.Sequence, "T"}, {g.Color != gips.Grey, "C"}, {g.Volume, "Z"}, {true, "YX"}} {
				if ax.has {
					wantAxes += ax.s
				}
			}
			if got := string(out["axes"].Data); got != wantAxes {
				t.Errorf("tifffile axes %s, want %s", got, wantAxes)
			}
			cal := out["cal"]
			// ImageJ writes non-ASCII units as Java escapes ("\u00B5m");
			// tifffile hands the escape back as it is.
			unit := imagejUnescape(string(out["unit"].Data[:len(out["unit"].Data)-1]))
			got := gips.Calibration{X: cal.Get(0), Y: cal.Get(1), Z: cal.Get(2), Unit: unit}
			if !nearCal(got, c.cal) {
				t.Errorf("tifffile calibration %+v, want %+v", got, c.cal)
			}
			if g.Color != gips.RGB {
				ij := out["ij"]
				if int(ij.Get(0)) != g.SizeC || int(ij.Get(1)) != g.SizeZ || int(ij.Get(2)) != g.SizeT {
					t.Errorf("ImageJ channels, slices, frames = %v %v %v, want %d %d %d", ij.Get(0), ij.Get(1), ij.Get(2), g.SizeC, g.SizeZ, g.SizeT)
				}
			}
		})
	}
}
