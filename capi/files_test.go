package main

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
)

// TestSaveInfoLoad: a caller's volume saved with a calibration reads back
// through imageio.Load (pixels and calibration), info finds each plane's
// pixels at the offset it gives, and load copies them into the caller's
// allocation.
func TestSaveInfoLoad(t *testing.T) {
	const nx, ny, nz = 5, 4, 3
	pix := make([]uint16, nx*ny*nz)
	for i := range pix {
		pix[i] = uint16(i*37 + 1)
	}
	g := toWire(gips.Geometry3d(gips.UInt16, nx, ny, nz))
	path := filepath.Join(t.TempDir(), "v.tif")
	cal := wireCalibration{X: 0.5, Y: 0.25, Z: 2, Unit: "um"}
	w := wireImage{Geometry: g, TypeStr: "<u2", ReadOnly: true, Data: addrOf(pix), Strides: []int{2 * nx * ny, 2 * nx, 2},
		Calibration: &cal}
	type saveReq struct {
		Path  string    `json:"path"`
		Image wireImage `json:"image"`
	}
	if _, err := handleSave(req(t, saveReq{Path: path, Image: w})); err != nil {
		t.Fatal(err)
	}
	img, err := imageio.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if c := img.Calibration(); c != (gips.Calibration{X: 0.5, Y: 0.25, Z: 2, Unit: "um"}) {
		t.Errorf("calibration %+v", c)
	}
	for z := range nz {
		for y := range ny {
			row := img.Row(z, y)
			for x := range nx {
				if v := binary.NativeEndian.Uint16(row[2*x:]); v != pix[(z*ny+y)*nx+x] {
					t.Fatalf("(%d,%d,%d) = %d, want %d", x, y, z, v, pix[(z*ny+y)*nx+x])
				}
			}
		}
	}

	res, err := handleInfo(req(t, map[string]any{"path": path}))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	info := mustJSON(t, res)
	if !strings.Contains(info, `"mappable":true`) || !strings.Contains(info, `"unit":"um"`) {
		t.Fatalf("info %s", info)
	}
	var planes []infoPlane
	decodeField(t, info, "planes", &planes)
	if len(planes) != nz {
		t.Fatalf("info planes %v", planes)
	}
	for z, p := range planes {
		if p.Offset < 0 || p.RowStride != 2*nx {
			t.Fatalf("plane %d: %+v", z, p)
		}
		if v := binary.NativeEndian.Uint16(b[p.Offset+int64(p.RowStride):]); v != pix[(z*ny+1)*nx] {
			t.Fatalf("plane %d row 1 at the offset info gives: %d, want %d", z, v, pix[(z*ny+1)*nx])
		}
	}

	var mem []uint16
	lr, err := handleLoad(req(t, map[string]any{"path": path}), func(n int) uint64 {
		mem = make([]uint16, n/2)
		return addrOf(mem)
	})
	if err != nil {
		t.Fatal(err)
	}
	if fr := lr.(fileReply); fr.Calibration != cal || fr.Format != "tiff" {
		t.Errorf("load reply %+v", fr)
	}
	for i := range pix {
		if mem[i] != pix[i] {
			t.Fatalf("loaded pixel %d = %d, want %d", i, mem[i], pix[i])
		}
	}
	if _, err := handleLoad(req(t, map[string]any{"path": path}), func(int) uint64 { return 0 }); err == nil {
		t.Error("a failed allocation is not an error")
	}
}

func TestFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := handleLoad(req(t, map[string]any{"path": filepath.Join(dir, "none.tif")}), nil); err == nil {
		t.Error("loading a missing file succeeds")
	}
	pix := []uint8{1, 2, 3, 4}
	w := wireImage{Geometry: toWire(gips.Geometry2d(gips.UInt8, 2, 2)), TypeStr: "|u1", Data: addrOf(pix), Strides: []int{2, 1}}
	for _, bad := range []wireCalibration{{X: 0, Y: 1, Z: 1}, {X: 1, Y: -1, Z: 1}} {
		c := bad
		w.Calibration = &c
		_, err := handleSave(req(t, map[string]any{"path": filepath.Join(dir, "a.tif"), "image": w}))
		if codeOf(err) != codeValue || !strings.Contains(err.Error(), "calibration") {
			t.Errorf("calibration %+v: %v", bad, err)
		}
	}
	w.Calibration = nil
	_, err := handleSave(req(t, map[string]any{"path": filepath.Join(dir, "a.tif"), "image": w, "compression": "lzma"}))
	if codeOf(err) != codeValue || !strings.Contains(err.Error(), "compression") {
		t.Errorf("compression: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.tif")); err == nil {
		t.Error("a refused save left a file")
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	return string(req(t, v))
}

func decodeField(t *testing.T, text, name string, dst any) {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(text), &m); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(m[name], dst); err != nil {
		t.Fatal(err)
	}
}

// TestCalibrationIntoAndOutOfOps: an input's calibration reaches the op
// (which gives it to its output) and comes back in the reply of a new
// output, so that the caller can set it on the image it makes.
func TestCalibrationIntoAndOutOfOps(t *testing.T) {
	g := toWire(gips.Geometry2d(gips.Real64, 3, 2))
	in := []float64{1, 2, 3, 4, 5, 6}
	cal := wireCalibration{X: 0.5, Y: 2, Z: 1, Unit: "mm"}
	w := wireImage{Geometry: g, TypeStr: "<f8", ReadOnly: true, Data: addrOf(in), Strides: []int{24, 8}, Calibration: &cal}
	var mem []float64
	r := runRequest{Op: "captest.double", Inputs: []wireImage{w}, Params: map[string]any{"offset": 1.0},
		Alloc: func(n int) uint64 { mem = make([]float64, n/8); return addrOf(mem) }}
	res, err := runOp(r)
	if err != nil {
		t.Fatal(err)
	}
	if o, ok := res.(*outputReply); !ok || o.Calibration == nil || *o.Calibration != cal {
		t.Fatalf("reply %s", mustJSON(t, res))
	}
	r.Inputs[0].Calibration = nil
	if res, err = runOp(r); err != nil || res.(*outputReply).Calibration != nil {
		t.Fatalf("uncalibrated input: reply %s, %v", mustJSON(t, res), err)
	}
}
