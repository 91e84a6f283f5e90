package imageio

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gipsdev/gips"
)

// The benchmark volume: 256 slices of 512x512 uint16 (128 MiB), written once
// per run as an uncompressed TIFF and a .npy and read from the page cache.
var benchFiles = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "gips-imageio-bench")
	if err != nil {
		return "", err
	}
	benchDir = dir
	img, err := gips.CreateImage(gips.Geometry3d(gips.UInt16, 512, 512, 256))
	if err != nil {
		return "", err
	}
	planes, _ := gips.Planes[uint16](img)
	for z, p := range planes {
		for i := range p.Pix {
			p.Pix[i] = uint16(i*7 + z)
		}
	}
	for _, name := range []string{"vol.tif", "vol.npy"} {
		if err := Save(filepath.Join(dir, name), img, nil); err != nil {
			return "", err
		}
	}
	return dir, nil
})

const benchBytes = 256 * 512 * 512 * 2

// benchDir is removed when the test binary ends.
var benchDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// referenceGBps times the reference reader on the same file (best of 5,
// after a warm-up read) when GIPS_PYTHON is set, and reports it beside
// gips' own figure. It asserts nothing.
func referenceGBps(b *testing.B, call, path string) {
	if v, ok := refCache.Load(path); ok {
		b.ReportMetric(v.(float64), "ref-GB/s")
		return
	}
	py := os.Getenv("GIPS_PYTHON")
	if py == "" {
		return
	}
	prog := `import sys, time, numpy as np, tifffile
p = sys.argv[1]
` + call + `
best = 1e9
for _ in range(5):
    t = time.perf_counter(); a = ` + call + `; best = min(best, time.perf_counter() - t)
print(best)`
	out, err := exec.Command(py, "-c", prog, path).Output()
	if err != nil {
		b.Logf("reference timing failed: %v", err)
		return
	}
	s, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
	if err == nil && s > 0 {
		refCache.Store(path, benchBytes/s/1e9)
		b.ReportMetric(benchBytes/s/1e9, "ref-GB/s")
	}
}

var refCache sync.Map // path -> reference GB/s, measured once per run

func benchLoad(b *testing.B, name, call string) {
	dir, err := benchFiles()
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, name)
	b.SetBytes(benchBytes)
	for b.Loop() {
		if _, err := Load(path); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	referenceGBps(b, call, path)
}

// BenchmarkLoadTIFF256x512x512Uint16 loads the stack; ref-GB/s is
// tifffile.imread on the same file.
func BenchmarkLoadTIFF256x512x512Uint16(b *testing.B) {
	benchLoad(b, "vol.tif", "tifffile.imread(p)")
}

// BenchmarkLoadNpy256x512x512Uint16 loads the .npy; ref-GB/s is numpy.load.
func BenchmarkLoadNpy256x512x512Uint16(b *testing.B) {
	benchLoad(b, "vol.npy", "np.load(p)")
}

func benchOpen(b *testing.B, name string) {
	dir, err := benchFiles()
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, name)
	for b.Loop() {
		d, err := Open(path, ReadOnly)
		if err != nil {
			b.Fatal(err)
		}
		d.Close()
	}
}

// BenchmarkOpenTIFF256x512x512Uint16 maps the 256-page stack (parsing
// every IFD) and unmaps it.
func BenchmarkOpenTIFF256x512x512Uint16(b *testing.B) { benchOpen(b, "vol.tif") }

// BenchmarkOpenNpy256x512x512Uint16 maps the .npy and unmaps it.
func BenchmarkOpenNpy256x512x512Uint16(b *testing.B) { benchOpen(b, "vol.npy") }

// BenchmarkSaveTIFF256x512x512Uint16 writes the stack uncompressed (with
// the fsync that makes Save atomic and durable).
func BenchmarkSaveTIFF256x512x512Uint16(b *testing.B) {
	dir, err := benchFiles()
	if err != nil {
		b.Fatal(err)
	}
	img, err := Load(filepath.Join(dir, "vol.npy"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(benchBytes)
	for b.Loop() {
		if err := Save(filepath.Join(dir, "out.tif"), img, nil); err != nil {
			b.Fatal(err)
		}
	}
}
