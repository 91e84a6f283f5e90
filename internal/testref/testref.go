// Package testref runs reference implementations (numpy, scipy.ndimage,
// scikit-image, tifffile) in Debian's Python on the same input as a Go test,
// so that tests compare gips with an independent implementation rather than
// with numbers copied from gips itself.
//
// Arrays cross as .npy files in a temporary folder. Under `make test` the
// variable GIPS_PYTHON names the Python with numpy and a missing reference is
// a failure; a plain `go test` without it skips the comparison.
package testref

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
)

// Python is the interpreter with numpy, or "" (after t.Skip) when none is
// configured and none is found.
func Python(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("GIPS_PYTHON"); p != "" {
		return p
	}
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import numpy, scipy").Run() == nil {
			return p
		}
	}
	t.Skip("no Python with numpy and scipy (set GIPS_PYTHON; `make test` does)")
	return ""
}

// Run executes script with numpy imported as np and a dict `inp` of the
// input arrays; the script puts its results in the dict `out`. Inputs are
// copied to C-contiguous native order on the way out; outputs come back the
// same way.
func Run(t testing.TB, script string, inp map[string]gips.Array) map[string]gips.Array {
	t.Helper()
	py := Python(t)
	dir := t.TempDir()
	for name, a := range inp {
		if err := WriteNpy(filepath.Join(dir, "in_"+name+".npy"), a); err != nil {
			t.Fatalf("testref: writing %s: %v", name, err)
		}
	}
	prog := fmt.Sprintf(`import numpy as np, glob, os, sys
d = %q
inp = {os.path.basename(f)[3:-4]: np.load(f) for f in glob.glob(os.path.join(d, "in_*.npy"))}
out = {}
%s
for k, v in out.items():
    np.save(os.path.join(d, "out_" + k + ".npy"), np.ascontiguousarray(np.asarray(v)).astype(np.asarray(v).dtype.newbyteorder("=")))
`, dir, script)
	// The program goes through a file: a reference over many samples
	// outgrows the argument list's limit.
	progFile := filepath.Join(dir, "ref.py")
	if err := os.WriteFile(progFile, []byte(prog), 0o644); err != nil {
		t.Fatalf("testref: %v", err)
	}
	cmd := exec.Command(py, progFile)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("testref: python failed: %v\n%s", err, stderr.String())
	}
	files, _ := filepath.Glob(filepath.Join(dir, "out_*.npy"))
	sort.Strings(files)
	res := map[string]gips.Array{}
	for _, f := range files {
		a, err := ReadNpy(f)
		if err != nil {
			t.Fatalf("testref: %v", err)
		}
		res[strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "out_"), ".npy")] = a
	}
	return res
}

// WriteNpy writes any Array (any strides, byte order) as a C-contiguous
// .npy file of the same dtype.
func WriteNpy(path string, a gips.Array) error {
	shape := make([]string, len(a.Shape))
	for i, s := range a.Shape {
		shape[i] = strconv.Itoa(s)
	}
	tuple := strings.Join(shape, ", ")
	if len(shape) == 1 {
		tuple += ","
	}
	header := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': (%s), }", a.DType, tuple)
	pad := 64 - (10+len(header)+1)%64
	header += strings.Repeat(" ", pad%64) + "\n"
	var buf bytes.Buffer
	buf.WriteString("\x93NUMPY\x01\x00")
	binary.Write(&buf, binary.LittleEndian, uint16(len(header)))
	buf.WriteString(header)
	isz := a.DType.ItemSize()
	idx := make([]int, len(a.Shape))
	for n := a.Size(); n > 0; n-- {
		o := a.ByteOffset(idx...)
		buf.Write(a.Data[o : o+isz])
		for k := len(idx) - 1; k >= 0; k-- {
			idx[k]++
			if idx[k] < a.Shape[k] {
				break
			}
			idx[k] = 0
		}
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

var npyHeader = regexp.MustCompile(`'descr':\s*'([^']+)'.*'fortran_order':\s*(True|False).*'shape':\s*\(([^)]*)\)`)

// ReadNpy reads a C-ordered .npy file as a C-contiguous Array.
func ReadNpy(path string) (gips.Array, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return gips.Array{}, err
	}
	if len(b) < 10 || string(b[:6]) != "\x93NUMPY" {
		return gips.Array{}, fmt.Errorf("%s: not a .npy file", path)
	}
	var hl, start int
	if b[6] == 1 {
		hl, start = int(binary.LittleEndian.Uint16(b[8:])), 10
	} else {
		hl, start = int(binary.LittleEndian.Uint32(b[8:])), 12
	}
	m := npyHeader.FindStringSubmatch(string(b[start : start+hl]))
	if m == nil || m[2] == "True" {
		return gips.Array{}, fmt.Errorf("%s: unsupported header %q", path, b[start:start+hl])
	}
	var shape []int
	for _, f := range strings.Split(m[3], ",") {
		if f = strings.TrimSpace(f); f != "" {
			n, _ := strconv.Atoi(f)
			shape = append(shape, n)
		}
	}
	dt := gips.DType(m[1])
	if dt == "|b1" || dt == "<b1" {
		dt = "|b1"
	}
	strides := gips.CStrides(shape, dt.ItemSize())
	// Copy into 8-byte aligned memory so that images can share it.
	data := make([]uint64, (len(b)-start-hl+7)/8)
	buf := unsafeBytes(data)
	copy(buf, b[start+hl:])
	return gips.Array{DType: dt, Shape: shape, Strides: strides, Data: buf[:len(b)-start-hl]}, nil
}
