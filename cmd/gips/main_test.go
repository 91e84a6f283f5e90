package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
	"github.com/gipsdev/gips/ops"
)

// gipsRun runs the command in process and returns its output.
func gipsRun(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(args, &out, &errb)
	return out.String(), err
}

// writeSmall writes a 3D UInt16 volume of 5x4x3 with values 0..59 and
// returns its path.
func writeSmall(t *testing.T, dir string) string {
	t.Helper()
	data := make([]uint16, 60)
	for i := range data {
		data[i] = uint16(i)
	}
	img, err := gips.FromArray(gips.ArrayOf(data, 3, 4, 5))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "small.tif")
	if err := imageio.Save(path, img, nil); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpsListsEveryOpWithItsParameters(t *testing.T) {
	out, err := gipsRun(t, "ops")
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range ops.List() {
		if !strings.Contains(out, op.Name+" ") {
			t.Errorf("gips ops does not list %s", op.Name)
		}
	}
	if !strings.Contains(out, "--value        float, required") {
		t.Errorf("gips ops: no parameter line for arith.addScalar's value:\n%s", out)
	}
	js, err := gipsRun(t, "ops", "--json", "arith")
	if err != nil {
		t.Fatal(err)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(js), &list); err != nil || len(list) == 0 || list[0]["family"] != "arith" {
		t.Fatalf("gips ops --json arith: %v %.200s", err, js)
	}
}

func TestInfoConvertRun(t *testing.T) {
	dir := t.TempDir()
	in := writeSmall(t, dir)
	out, err := gipsRun(t, "info", in)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"geometry    UInt16 5x4x3", "shape [3 4 5] dtype <u2", "range       0 .. 59"} {
		if !strings.Contains(out, want) {
			t.Errorf("info: no %q in\n%s", want, out)
		}
	}

	npy := filepath.Join(dir, "small.npy")
	if _, err := gipsRun(t, "convert", in, npy, "--output", "uint8", "--scaling", "scale"); err != nil {
		t.Fatal(err)
	}
	img, err := imageio.Load(npy)
	if err != nil {
		t.Fatal(err)
	}
	if img.Type() != gips.UInt8 || img.SizeZ() != 3 {
		t.Fatalf("converted: %v", img.Geometry())
	}

	sum := filepath.Join(dir, "sum.tif")
	if _, err := gipsRun(t, "run", "arith.addScalar", "--value", "65500", in, "-o", sum); err != nil {
		t.Fatal(err)
	}
	img, err = imageio.Load(sum)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := img.Array()
	if a.Get(0, 0, 1) != 65501 || a.Get(2, 3, 4) != 65535 {
		t.Fatalf("addScalar 65500: %v %v, want 65501 and 65535 (saturated)", a.Get(0, 0, 1), a.Get(2, 3, 4))
	}
	// An op parameter named like a command flag belongs to the op.
	if _, err := gipsRun(t, "run", "filter.gaussian", "--output", "same", in, "-o", sum); err != nil {
		t.Fatal(err)
	}
	if img, err = imageio.Load(sum); err != nil || img.Type() != gips.UInt16 {
		t.Fatalf("gaussian --output same: %v %v, want UInt16", img, err)
	}
	js, err := gipsRun(t, "run", "arith.add", in, in, "-o", sum, "--json")
	if err != nil || !strings.Contains(js, `"kind":"image"`) {
		t.Fatalf("run --json: %v %s", err, js)
	}
}

func TestRunErrorsNameTheProblem(t *testing.T) {
	in := writeSmall(t, t.TempDir())
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "arith.nope", in}, "unknown op"},
		{[]string{"run", "arith.addScalar", in, "-o", "x.tif"}, "parameter value is required"},
		{[]string{"run", "arith.addScalar", "--value", "x", in, "-o", "x.tif"}, `parameter value: "x" is not a number`},
		{[]string{"run", "arith.add", in, "-o", "x.tif"}, "1 input files, want 2"},
		{[]string{"run", "arith.invert", in}, "give -o OUT"},
		{[]string{"nope"}, "unknown command"},
	} {
		_, err := gipsRun(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("gips %v: %v, want an error containing %q", c.args, err, c.want)
		}
	}
	_, err := gipsRun(t, "run", "arith.add", in, "-o", "x.tif")
	if !errors.As(err, new(usageError)) {
		t.Errorf("a wrong input count is a usage error: %v", err)
	}
}

// TestBuiltCommandRunsTheDemo builds the real binary and runs the demo on a
// small volume, end to end: files written, steps printed, exit status 0.
func TestBuiltCommandRunsTheDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "gips")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "demo", "--size", "40", "--out", filepath.Join(dir, "demo"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("gips demo: %v\n%s", err, out)
	}
	for _, want := range []string{"synthesize the volume", "write mid-slice previews", "done in"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	// Every step's op is registered in this build: nothing may be skipped.
	if bytes.Contains(out, []byte("skipped")) || bytes.Contains(out, []byte("FAILED")) {
		t.Errorf("demo skipped or failed a step:\n%s", out)
	}
	for _, f := range []string{"volume.tif", "mask.tif", "preview_xy.png", "preview_xz.png", "preview_yz.png"} {
		if _, err := os.Stat(filepath.Join(dir, "demo", f)); err != nil {
			t.Errorf("demo did not write %s: %v", f, err)
		}
	}
	vol, err := imageio.Load(filepath.Join(dir, "demo", "volume.tif"))
	if err != nil || vol.Geometry() != gips.Geometry3d(gips.UInt16, 40, 40, 20) {
		t.Errorf("volume.tif: %v %v", vol, err)
	}
	if out, err := exec.Command(bin, "run", "arith.nope").CombinedOutput(); err == nil || !bytes.Contains(out, []byte("unknown op")) {
		t.Errorf("gips run arith.nope: %v %s", err, out)
	}
	if err := exec.Command(bin).Run(); err == nil {
		t.Errorf("gips with no command: exit status 0")
	} else if e, ok := err.(*exec.ExitError); !ok || e.ExitCode() != 2 {
		t.Errorf("gips with no command: %v, want exit status 2", err)
	}
}
