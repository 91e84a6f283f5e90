package main

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
)

// writeBigEndianNpy writes a (2, 3, 4) '>u2' .npy file by hand (format
// 1.0: magic, header length, a dict padded to 128 bytes) with pixel i = 1000
// + i, and returns its path and the offset of the pixels.
func writeBigEndianNpy(t *testing.T) (string, int) {
	t.Helper()
	dict := "{'descr': '>u2', 'fortran_order': False, 'shape': (2, 3, 4), }"
	hlen := 128 - 10
	for len(dict) < hlen-1 {
		dict += " "
	}
	dict += "\n"
	b := append([]byte("\x93NUMPY\x01\x00"), byte(hlen), 0)
	b = append(b, dict...)
	for i := range 24 {
		b = binary.BigEndian.AppendUint16(b, uint16(1000+i))
	}
	p := filepath.Join(t.TempDir(), "be.npy")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p, 128
}

// TestOpenHandleCopiedPlanesFlushRelease: a big-endian file's planes are
// copied into the caller's block (native order), a change in the block
// reaches the file (big-endian) through flush, and release forgets the
// handle.
func TestOpenHandleCopiedPlanesFlushRelease(t *testing.T) {
	p, off := writeBigEndianNpy(t)
	before := openCount()
	var block []uint16 // the caller's allocation, as numpy's would be
	alloc := func(n int) uint64 {
		block = make([]uint16, n/2)
		return addrOf(block)
	}
	res, err := handleOpen(req(t, map[string]any{"path": p, "mode": "r+"}), alloc)
	if err != nil {
		t.Fatal(err)
	}
	rep := res.(openReply)
	if len(rep.Copied) != 2 || rep.Array != nil || len(block) != 24 {
		t.Fatalf("copied %v array %v block %d: want both planes copied into a 24-pixel block", rep.Copied, rep.Array, len(block))
	}
	for i, v := range block {
		if v != uint16(1000+i) {
			t.Fatalf("block[%d] = %d, want %d", i, v, 1000+i)
		}
	}
	if openCount() != before+1 {
		t.Fatalf("%d open files, want %d", openCount(), before+1)
	}
	block[13] = 7
	hr := map[string]any{"handle": rep.Handle, "block": wireBuffer{Data: addrOf(block), NBytes: 48}}
	if _, err := handleOpenFlush(req(t, hr)); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	if v := binary.BigEndian.Uint16(b[off+2*13:]); v != 7 {
		t.Errorf("file pixel 13 = %d after flush, want 7", v)
	}
	if _, err := handleOpenFlush(req(t, map[string]any{"handle": rep.Handle})); !errors.Is(err, errRequest) {
		t.Errorf("flush without the block: %v, want a malformed request", err)
	}
	if _, err := handleOpenClose(req(t, hr)); err != nil {
		t.Fatal(err)
	}
	if _, err := handleOpenFlush(req(t, hr)); err == nil || codeOf(err) != codeError {
		t.Errorf("flush after close: %v, want a gips error", err)
	}
	if _, err := handleOpenRelease(req(t, hr)); err != nil {
		t.Fatal(err)
	}
	if openCount() != before {
		t.Errorf("%d open files after release, want %d", openCount(), before)
	}
	if _, err := handleOpenFlush(req(t, hr)); !errors.Is(err, errRequest) {
		t.Errorf("flush after release: %v, want an unknown handle", err)
	}
}

// TestOpenReadOnlyAndBadRequests: a read-only file refuses flush as a
// read-only error; a bad mode or raw geometry names the parameter.
func TestOpenReadOnlyAndBadRequests(t *testing.T) {
	p, _ := writeBigEndianNpy(t)
	res, err := handleOpen(req(t, map[string]any{"path": p, "mode": "r"}), func(n int) uint64 {
		return addrOf(make([]uint16, n/2))
	})
	if err != nil {
		t.Fatal(err)
	}
	h := res.(openReply).Handle
	if !res.(openReply).ReadOnly {
		t.Error("mode r: not read-only")
	}
	if _, err := handleOpenFlush(req(t, map[string]any{"handle": h})); codeOf(err) != codeReadOnly {
		t.Errorf("flush of a read-only file: %v (code %d), want code %d", err, codeOf(err), codeReadOnly)
	}
	if _, err := handleOpenRelease(req(t, map[string]any{"handle": h})); err != nil {
		t.Fatal(err)
	}
	g := toWire(gips.Geometry2d(gips.UInt16, 4, 3))
	for _, c := range []struct {
		r    map[string]any
		want string
	}{
		{map[string]any{"path": p, "mode": "w"}, `mode "w"`},
		{map[string]any{"path": p, "geometry": g, "byteOrder": "middle"}, `byteOrder "middle"`},
		{map[string]any{"path": p, "geometry": g, "offset": -1}, "offset -1"},
		{map[string]any{"path": p, "geometry": g, "offset": 160}, "needs 24 bytes after a 160-byte header"},
	} {
		_, err := handleOpen(req(t, c.r), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) || codeOf(err) == codeInternal {
			t.Errorf("%v: %v, want an error naming %q", c.r, err, c.want)
		}
	}
}
