package segment

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
)

// BenchmarkWatershedFile floods the bench harness's own input (bench/
// rows_segment.py flood_input, dumped as raw arrays by the caller into
// $GIPS_WS_DIR: img2.raw uint8 4096x4096, mk2.raw int32, and optionally
// ref2.raw, skimage's int32 answer, checked once). Skipped without it.
func BenchmarkWatershedFile(b *testing.B) {
	dir := os.Getenv("GIPS_WS_DIR")
	if dir == "" {
		b.Skip("GIPS_WS_DIR not set")
	}
	const n = 4096
	raw, err := os.ReadFile(filepath.Join(dir, "img2.raw"))
	if err != nil {
		b.Skip(err)
	}
	img, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, n, n))
	markers, _ := gips.CreateImage(gips.Geometry2d(gips.Int32, n, n))
	mk, err := os.ReadFile(filepath.Join(dir, "mk2.raw"))
	if err != nil || len(raw) != n*n || len(mk) != 4*n*n {
		b.Skip("bad input files")
	}
	for y := range n {
		copy(img.Row(0, y), raw[y*n:(y+1)*n])
		copy(markers.Row(0, y), mk[4*y*n:4*(y+1)*n])
	}
	ref, _ := os.ReadFile(filepath.Join(dir, "ref2.raw"))
	out, _ := gips.CreateImage(markers.Geometry())
	for _, exact := range []bool{true, false} {
		name := "exact"
		if !exact {
			name = "raster"
		}
		b.Run(name, func(b *testing.B) {
			if err := WatershedInto(out, img, markers, WithExactTies(exact)); err != nil {
				b.Fatal(err)
			}
			if exact && len(ref) == 4*n*n {
				for y := range n {
					row := unsafe.Slice((*int32)(unsafe.Pointer(&out.Row(0, y)[0])), n)
					want := unsafe.Slice((*int32)(unsafe.Pointer(&ref[4*y*n])), n)
					for x := range n {
						if row[x] != want[x] {
							b.Fatalf("pixel (%d, %d): %d, skimage %d", x, y, row[x], want[x])
						}
					}
				}
			}
			b.ResetTimer()
			c0 := cpuTime()
			for b.Loop() {
				if err := WatershedInto(out, img, markers, WithExactTies(exact)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime is the process's user and system time in nanoseconds: on a
// shared machine a fairer measure of a sequential kernel than wall time.
func cpuTime() int64 {
	var r syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r)
	return r.Utime.Nano() + r.Stime.Nano()
}
