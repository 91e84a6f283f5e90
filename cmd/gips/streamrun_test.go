package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
)

// writeVolume saves a UInt16 volume of a smooth ramp plus a pattern.
func writeVolume(t *testing.T, path string, sx, sy, sz int) {
	t.Helper()
	img, err := gips.CreateImage(gips.Geometry3d(gips.UInt16, sx, sy, sz))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := gips.WritablePlanes[uint16](img)
	for z := range sz {
		for y := range sy {
			for x, row := 0, p[z].Row(y); x < sx; x++ {
				row[x] = uint16((x*7 + y*13 + z*29 + (x*y*z)%97) % 1000)
			}
		}
	}
	if err := imageio.Save(path, img, nil); err != nil {
		t.Fatal(err)
	}
}

// gips run --memory runs out of core and writes the file the in-memory
// run writes, byte for byte.
func TestRunMemoryMatchesInMemory(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.npy")
	writeVolume(t, in, 40, 30, 50)
	for _, args := range [][]string{
		{"filter.median", "--size", "3"},
		{"filter.gaussian", "--sigma", "1.5", "--output", "same"},
		{"transform.zoom", "--factor", "0.6", "--order", "1"},
		{"transform.zoom", "--factor", "0.6", "--order", "3"},
		{"label.components", "--connectivity", "1"},
	} {
		a, b := filepath.Join(dir, "a.npy"), filepath.Join(dir, "b.npy")
		if args[0] == "label.components" {
			bin := filepath.Join(dir, "bin.npy")
			if _, err := gipsRun(t, "run", "threshold.range", "--min", "300", "--max", "700", in, "-o", bin); err != nil {
				t.Fatal(err)
			}
			args = append(args, bin)
		} else {
			args = append(args, in)
		}
		out, err := gipsRun(t, append(append([]string{"run"}, args...), "--memory", "400KiB", "-o", a)...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if !strings.Contains(out, "out of core") {
			t.Fatalf("%v --memory: %q does not say it ran out of core", args, out)
		}
		if _, err := gipsRun(t, append(append([]string{"run"}, args...), "-o", b)...); err != nil {
			t.Fatal(err)
		}
		x, _ := os.ReadFile(a)
		y, _ := os.ReadFile(b)
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Fatalf("%v: out of core (%d bytes) differs from in memory (%d bytes)", args, len(x), len(y))
		}
	}
	// a.npy holds the labels now: their table, out of core and in memory.
	t1, t2 := filepath.Join(dir, "t1.csv"), filepath.Join(dir, "t2.csv")
	measure := []string{"run", "measure.labelAnalysis", "--measures", "label,area,bboxMinZ,centroidZ,extent", filepath.Join(dir, "a.npy")}
	if out, err := gipsRun(t, append(measure, "--memory", "100KiB", "-o", t1)...); err != nil || !strings.Contains(out, "out of core") {
		t.Fatalf("measure out of core: %q, %v", out, err)
	}
	if _, err := gipsRun(t, append(measure, "-o", t2)...); err != nil {
		t.Fatal(err)
	}
	x, _ := os.ReadFile(t1)
	y, _ := os.ReadFile(t2)
	if len(x) < 100 || !bytes.Equal(x, y) {
		t.Fatalf("label table out of core:\n%s\nin memory:\n%s", x, y)
	}
	_, err := gipsRun(t, "run", "filter.gaussian", "--sigma", "3", "--memory", "64KiB", in, "-o", filepath.Join(dir, "c.npy"))
	if err == nil || !strings.Contains(err.Error(), "--memory 64KiB") {
		t.Fatalf("a budget too small: %v", err)
	}
	_, err = gipsRun(t, "run", "transform.zoom", "--factor", "2", "--order", "3", "--memory", "64KiB", in, "-o", filepath.Join(dir, "c.npy"))
	if err == nil || !strings.Contains(err.Error(), "--memory 64KiB") {
		t.Fatalf("zoom of order 3 under a budget too small: %v", err)
	}
	_, err = gipsRun(t, "run", "transform.rotate", "--angle", "30", "--memory", "1GiB", in, "-o", filepath.Join(dir, "c.npy"))
	if err == nil || !strings.Contains(err.Error(), "not Local") {
		t.Fatalf("rotate out of core: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "c.npy")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a refused run left an output: %v", err)
	}
}

// An interrupted out-of-core run leaves no output: SIGINT removes the
// temporary file too; SIGKILL leaves only a hidden temporary file, never
// a half-written file under the output's name.
func TestRunInterruptedLeavesNoOutput(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("signals")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "gips")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	in := filepath.Join(dir, "in.npy")
	writeVolume(t, in, 200, 200, 600)
	for _, sig := range []os.Signal{os.Interrupt, os.Kill} {
		out := filepath.Join(dir, "out.npy")
		// The context kills a hung child (a hang guard, not a timing).
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, "run", "filter.median", "--size", "3", "--memory", "4MiB", "--progress", in, "-o", out)
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// The first progress bar: a slab is written, the run is under way.
		r := bufio.NewReader(stderr)
		if _, err := r.ReadString('%'); err != nil {
			t.Fatalf("no progress before the end: %v", err)
		}
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, r) // until the process ends
		err = cmd.Wait()
		if ctx.Err() != nil {
			t.Fatal("the interrupted run did not end (hang guard)")
		}
		if err == nil {
			t.Skip("the run finished before the signal arrived")
		}
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("after %v: output file exists (%v)", sig, err)
		}
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), ".out.npy") && sig == os.Interrupt {
				t.Fatalf("after %v: temporary file %s left", sig, e.Name())
			}
		}
		var ee *exec.ExitError
		if sig == os.Interrupt && (!errors.As(err, &ee) || ee.ExitCode() != 1) {
			t.Fatalf("after SIGINT: %v, want exit status 1 (an error, handled)", err)
		}
	}
}
