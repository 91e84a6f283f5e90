package imageio

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/testref"
)

// numpyVerdict is what numpy.lib.format makes of a header: an error, or
// the shape, fortran_order and descr it reads.
type numpyVerdict struct {
	OK      bool
	Err     string
	Shape   []int
	Fortran bool
	Descr   string
}

// numpyReads runs numpy's own header reader (the one np.load uses, with
// its default size limit) on each header, as a version 1.0 header.
func numpyReads(t *testing.T, headers []string) []numpyVerdict {
	t.Helper()
	blob, _ := json.Marshal(headers)
	out := testref.Run(t, `import json, io, struct, ast
res = []
for h in json.loads(bytes(inp['blob']).decode()):
    b = h.encode('latin1')
    try:
        shape, fortran, dtype = np.lib.format._read_array_header(io.BytesIO(struct.pack('<H', len(b)) + b), (1, 0))
        lit = ast.literal_eval(np.lib.format._filter_header(h))
        # -1 marks an entry that is not a plain int64 (numpy takes True as 1)
        res.append({'OK': True, 'Shape': [x if type(x) is int and abs(x) < 2**63 else -1 for x in shape], 'Fortran': fortran, 'Descr': lit['descr'] if type(lit['descr']) is str else repr(lit['descr'])})
    except Exception as e:
        res.append({'OK': False, 'Err': repr(e)})
out['res'] = np.frombuffer(json.dumps(res).encode(), np.uint8)`, map[string]gips.Array{"blob": gips.ArrayOf(blob, len(blob))})
	var v []numpyVerdict
	if err := json.Unmarshal(out["res"].Data, &v); err != nil || len(v) != len(headers) {
		t.Fatalf("numpy verdicts: %v (%d for %d headers)", err, len(v), len(headers))
	}
	return v
}

const npyOK = "{'descr': '<u2', 'fortran_order': False, 'shape': (3, 4), }"

// TestNpyHeaderReadsAsNumpyDoes runs hand-written headers, well-formed and
// hostile, through the .npy reader and numpy. Whatever gips accepts, numpy
// must read the same way; gips refuses what numpy refuses, and also what
// numpy reads in ways a reader should not trust (duplicated keys, where
// numpy keeps the last; shapes written as hex, with signs or booleans).
func TestNpyHeaderReadsAsNumpyDoes(t *testing.T) {
	cases := []struct {
		header string
		accept bool
	}{
		{npyOK, true},
		{npyOK + strings.Repeat(" ", 40) + "\n", true},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (3, 4)}", true},
		{`{"shape": (3,), "descr": "|u1", "fortran_order": True}`, true},
		{"{'descr': '<f8', 'fortran_order': False, 'shape': ()}", true},
		{"{'descr': '<f8', 'fortran_order': False, 'shape': ( 2 , 3 , 4 , )}", true},
		{"  {\n'descr':'>i4',\t'fortran_order':False,\r\n'shape':(5,6,7,8,9)}\n", true},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (0, 3), }", true},
		// Duplicated keys: literal_eval keeps the last one.
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (3, 4), 'descr': '<f8'}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (3, 4), 'shape': (12,)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'fortran_order': True, 'shape': (3, 4)}", false},
		// Missing, unknown and non-string keys.
		{"{'descr': '<u2', 'shape': (3, 4)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (3, 4), 'gips': 1}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (3, 4), 3: 4}", false},
		{"{}", false},
		{"", false},
		// Trailing garbage, comments, other containers.
		{npyOK + " x", false},
		{npyOK + "}", false},
		{npyOK + ",", false},
		{npyOK + " # comment", false},
		{"[" + npyOK + "]", false},
		{"dict(descr='<u2', fortran_order=False, shape=(3, 4))", false},
		// fortran_order must be a bool literal.
		{"{'descr': '<u2', 'fortran_order': 0, 'shape': (3, 4)}", false},
		{"{'descr': '<u2', 'fortran_order': false, 'shape': (3, 4)}", false},
		{"{'descr': '<u2', 'fortran_order': 'False', 'shape': (3, 4)}", false},
		{"{'descr': '<u2', 'fortran_order': None, 'shape': (3, 4)}", false},
		{"{'descr': '<u2', 'fortran_order': Falsey, 'shape': (3, 4)}", false},
		// shape must be a tuple of plain non-negative decimal ints.
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (3)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': [3, 4]}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': 12}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (3, -4)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (+3, 4)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (True, 4)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (0x10, 4)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (1_0, 4)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (03, 4)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (3L, 4L)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (3.0, 4)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (3., 4)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (3e1, 4)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': ((3), 4)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (3,,)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (,)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (3 4)}", false},
		{"{'descr': '<u2', 'fortran_order': False, 'shape': (99999999999999999999999, 4)}", false},
		// descr must be one plain string literal.
		{"{'descr': u'<u2', 'fortran_order': False, 'shape': (3, 4)}", false},
		{"{'descr': b'<u2', 'fortran_order': False, 'shape': (3, 4)}", false},
		{"{'descr': '\\x3cu2', 'fortran_order': False, 'shape': (3, 4)}", false},
		{"{'descr': '<' 'u2', 'fortran_order': False, 'shape': (3, 4)}", false},
		{"{'descr': '<u2\", 'fortran_order': False, 'shape': (3, 4)}", false},
		{"{'descr': [('a', '<u2')], 'fortran_order': False, 'shape': (3, 4)}", false},
	}
	headers := make([]string, len(cases))
	for i, c := range cases {
		headers[i] = c.header
	}
	np := numpyReads(t, headers)
	for i, c := range cases {
		file := binary.LittleEndian.AppendUint16([]byte("\x93NUMPY\x01\x00"), uint16(len(c.header)))
		file = append(append(file, c.header...), make([]byte, 1<<16)...)
		h, err := parseNpyHeader(bytes.NewReader(file), int64(len(file)))
		descr, fortran, shape := string(h.dtype), h.fortran, h.shape
		n := np[i]
		switch {
		case err == nil && !c.accept:
			t.Errorf("%q: accepted as %s %v %v, want refused (numpy: %+v)", c.header, descr, fortran, shape, n)
		case err != nil && c.accept:
			t.Errorf("%q: %v, want accepted", c.header, err)
		case err != nil && !errors.Is(err, ErrCorrupt):
			t.Errorf("%q: %v, want ErrCorrupt", c.header, err)
		case err == nil && !n.OK:
			t.Errorf("%q: accepted, but numpy refuses it: %s", c.header, n.Err)
		case err == nil && (descr != n.Descr || fortran != n.Fortran || !slices.Equal(shape, n.Shape)):
			t.Errorf("%q: read as %s %v %v, numpy reads %s %v %v", c.header, descr, fortran, shape, n.Descr, n.Fortran, n.Shape)
		}
	}
}

// TestNpyHeaderOfEveryNumpyFile parses files that numpy itself writes
// (np.lib.format.write_array, versions 1.0, 2.0 and 3.0) for every dtype
// gips reads, both orders, and shapes of 0 to 5 dimensions.
func TestNpyHeaderOfEveryNumpyFile(t *testing.T) {
	out := testref.Run(t, `import io, json
files, meta = [], []
for dt in ['|u1', '|i1', '<u2', '>u2', '<i2', '<u4', '>i4', '<f4', '>f8', '|b1']:
    for shape in [(), (3,), (2, 3), (4, 3, 2), (2, 3, 4, 5), (1, 2, 3, 4, 5), (0, 3), (70000,)]:
        for order in 'CF':
            for version in [(1, 0), (2, 0), (3, 0)]:
                a = np.zeros(shape, dtype=dt, order=order)
                f = io.BytesIO()
                np.lib.format.write_array(f, a, version=version)
                files.append(f.getvalue())
                meta.append({'Shape': list(shape), 'Fortran': np.lib.format.header_data_from_array_1_0(a)['fortran_order'], 'Descr': a.dtype.str})
out['blob'] = np.frombuffer(b''.join(files), np.uint8)
out['sizes'] = np.array([len(f) for f in files], np.int64)
out['meta'] = np.frombuffer(json.dumps(meta).encode(), np.uint8)`, nil)
	var meta []numpyVerdict
	if err := json.Unmarshal(out["meta"].Data, &meta); err != nil {
		t.Fatal(err)
	}
	blob := out["blob"].Data
	sizes := unsafeInt64s(out["sizes"])
	for i, want := range meta {
		file := blob[:sizes[i]]
		blob = blob[sizes[i]:]
		h, err := parseNpyHeader(bytes.NewReader(file), int64(len(file)))
		if err != nil {
			t.Errorf("numpy file %d (%+v): %v", i, want, err)
			continue
		}
		if string(h.dtype) != want.Descr || h.fortran != want.Fortran || !slices.Equal(h.shape, want.Shape) {
			t.Errorf("numpy file %d: read %s %v %v, want %+v", i, h.dtype, h.fortran, h.shape, want)
		}
	}
}

func unsafeInt64s(a gips.Array) []int64 {
	out := make([]int64, a.Size())
	for i := range out {
		out[i] = int64(binary.NativeEndian.Uint64(a.Data[8*i:]))
	}
	return out
}

// TestNpyHeaderLengthCheckedBeforeAllocating: a header length past
// numpy's limit or the file's end fails before the header is read; a
// valid header of 10000 bytes loads and one of 10001 does not, in numpy
// and in gips.
func TestNpyHeaderLengthCheckedBeforeAllocating(t *testing.T) {
	for _, c := range []struct {
		version byte
		length  uint32
	}{{1, 0xFFFF}, {2, 0xFFFFFFFF}, {3, 1 << 30}} {
		b := append([]byte("\x93NUMPY"), c.version, 0)
		if c.version == 1 {
			b = binary.LittleEndian.AppendUint16(b, uint16(c.length))
		} else {
			b = binary.LittleEndian.AppendUint32(b, c.length)
		}
		b = append(b, npyOK...)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := parseNpyHeader(bytes.NewReader(b), int64(len(b)))
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("v%d header length %d: %v, want ErrCorrupt", c.version, c.length, err)
		}
		if grown := after.TotalAlloc - before.TotalAlloc; grown > 1<<16 {
			t.Errorf("v%d header length %d: allocated %d bytes before failing", c.version, c.length, grown)
		}
	}
	dir := t.TempDir()
	var paths []string
	for _, n := range []int{npyMaxHeader, npyMaxHeader + 1} {
		b := binary.LittleEndian.AppendUint32([]byte("\x93NUMPY\x02\x00"), uint32(n))
		b = append(b, npyOK+strings.Repeat(" ", n-len(npyOK)-1)+"\n"...)
		b = append(b, make([]byte, 24)...)
		p := filepath.Join(dir, fmt.Sprintf("h%d.npy", n))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	out := testref.Run(t, `ok = []
for p in bytes(inp['paths']).decode().split('\n'):
    try:
        np.load(p); ok.append(1)
    except ValueError:
        ok.append(0)
out['ok'] = np.array(ok, np.uint8)`, map[string]gips.Array{"paths": pathArray(strings.Join(paths, "\n"))})
	for i, p := range paths {
		_, err := Load(p)
		if numpyOK := out["ok"].Data[i] == 1; numpyOK != (err == nil) {
			t.Errorf("%s: numpy loads it %v, gips: %v", filepath.Base(p), numpyOK, err)
		}
	}
}
