package main

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// Records: arrays and structs decode to the images they describe, and a
// truncated or unknown record is a malformed request, never a panic.
var recordPixels = make([]uint16, 12) // on the heap: a stack may move

func TestDecodeRecords(t *testing.T) {
	a := recordPixels
	ts := int64('<') | int64('u')<<8 | int64('2')<<16
	words := []int64{recArray, 4, int64(addrOf(a)), ts, 2, 3, 4, 8, 2, recStruct, 1234}
	got, err := decodeRecords(words, 2, nil, func(addr uint64, _ *arrayRecord) (wireImage, error) {
		if addr != 1234 {
			t.Fatalf("struct address %d", addr)
		}
		return wireImage{TypeStr: "struct"}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	arr := got[0].Source.Array
	if arr.TypeStr != "<u2" || !arr.ReadOnly || arr.Data != addrOf(a) || len(arr.Shape) != 2 ||
		arr.Shape[0] != 3 || arr.Shape[1] != 4 || arr.Strides[0] != 8 || arr.Strides[1] != 2 || got[1].TypeStr != "struct" {
		t.Fatalf("decoded %+v %+v", arr, got[1])
	}
	img, err := got[0].image()
	if err != nil || img.SizeX() != 4 || img.SizeY() != 3 || !img.ReadOnly() {
		t.Fatalf("wrapped %v, %v", img, err)
	}
	for _, bad := range [][]int64{{}, {recArray, 0, 0, ts}, {recArray, 0, 0, ts, 9}, {recArray, 0, 0, ts, 2, 3, 4}, {7, 0}, {recStruct}} {
		if _, err := decodeRecords(bad, 1, nil, nil); !errors.Is(err, errRequest) {
			t.Fatalf("%v: error %v, want a malformed request", bad, err)
		}
	}
}

// The parse cache keeps only requests whose values cannot be changed by
// the op that receives them, and gives the same values as a fresh parse.
func TestParseRequestCache(t *testing.T) {
	body := []byte(`{"op":"captest.double","params":{"offset":2.5}}`)
	for range 2 {
		op, p, _, err := parseRequest(body)
		if err != nil || op.Name != "captest.double" || p.Float("offset") != 2.5 {
			t.Fatalf("%v %v %v", op, p, err)
		}
	}
	parsedMu.RLock()
	_, ok := parsedCache[string(body)]
	parsedMu.RUnlock()
	if !ok {
		t.Fatal("a request of plain values is not cached")
	}
	if _, _, _, err := parseRequest([]byte(`{"op":"captest.double","params":{"offset":99}}`)); err == nil {
		t.Fatal("an out-of-range parameter was accepted")
	}
	if _, _, _, err := parseRequest([]byte(`{"op":"nope"}`)); err == nil {
		t.Fatal("an unknown op was accepted")
	}
	for _, c := range []struct {
		p          ops.Values
		shared, ok bool
	}{
		{ops.Values{"a": 1.0, "b": "x", "c": nil, "d": true, "e": 3}, true, true},
		{ops.Values{"a": []float64{1}, "b": 2}, false, true},
		{ops.Values{"a": []int{1}}, false, true},
		{ops.Values{"a": 1, "img": &gips.Image{}}, false, false},
	} {
		if shared, ok := cacheable(c.p); shared != c.shared || ok != c.ok {
			t.Errorf("cacheable(%v) = %v %v, want %v %v", c.p, shared, ok, c.shared, c.ok)
		}
	}
}

// A cached request with a list gives each call its own copy of the list:
// an op that changed it would not change the next call's.
func TestParseRequestCopiesLists(t *testing.T) {
	body := []byte(`{"op":"stats.histogram","params":{"nbins":4,"range":"0,8"}}`)
	for i := range 3 {
		_, p, _, err := parseRequest(body)
		if err != nil {
			t.Fatal(err)
		}
		r := p.Numbers("range")
		if r[0] != 0 || r[1] != 8 {
			t.Fatalf("call %d: range %v, want [0 8]", i, r)
		}
		r[0], r[1] = -1, -1
	}
	parsedMu.RLock()
	_, ok := parsedCache[string(body)]
	parsedMu.RUnlock()
	if !ok {
		t.Fatal("a request with a list of numbers is not cached")
	}
}

// With a pooled scratch, records decode to the same images as without,
// past the pooled count too; release leaves nothing of the call in it.
func TestDecodeRecordsScratch(t *testing.T) {
	a := recordPixels
	ts := int64('<') | int64('u')<<8 | int64('2')<<16
	var words []int64
	const n = maxPooled + 2
	for i := range n {
		words = append(words, recArray, int64(i%2)*4, int64(addrOf(a)), ts, 2, 3, int64(1+i%4), 8, 2)
	}
	want, err := decodeRecords(words, n, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := getScratch()
	got, err := decodeRecords(words, n, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		w, g := want[i].Source.Array, got[i].Source.Array
		if g.Data != w.Data || g.TypeStr != w.TypeStr || g.ReadOnly != w.ReadOnly || !slices.Equal(g.Shape, w.Shape) ||
			!slices.Equal(g.Strides, w.Strides) || g.Shape[1] != 1+i%4 || g.ReadOnly != (i%2 == 1) {
			t.Fatalf("record %d: %+v with scratch, %+v without", i, g, w)
		}
	}
	if got[0].Source != &s.recs[0].r {
		t.Fatal("the first records do not live in the scratch")
	}
	s.release()
	if !reflect.ValueOf(*s).IsZero() {
		t.Fatal("a released scratch still holds the call's records")
	}
}

// TestOpCallAllocs: the fast call of a small in-place op on arrays, the
// binding's per-call path, allocates nothing on the Go heap once its
// request is parsed. Each allocation costs, and with a large heap goal
// (gc.go) lands on memory no call has touched yet. The results are checked
// against the sums made here, so the call really ran.
func TestOpCallAllocs(t *testing.T) {
	for i := range tinyA {
		tinyA[i], tinyC[i] = uint8(i), uint8(3*i)
	}
	words := tinyWords()
	body := []byte(`{"op":"arith.add","params":{}}`)
	call := func() {
		if code, text, _, _ := opCall(body, 2, true, words, nil, nil, true); code != codeOK {
			t.Fatal(code, text)
		}
	}
	call() // parses and caches the request
	want := make([]uint8, len(tinyA))
	for i := range want {
		want[i] = uint8(min(int(tinyA[i])+int(tinyC[i]), 255))
	}
	call()
	if !slices.Equal(tinyA, want) {
		t.Fatalf("add(a, c, out=a) = %v, want %v", tinyA, want)
	}
	if n := testing.AllocsPerRun(200, call); n > maxCallAllocs {
		t.Fatalf("%.1f allocations per in-place add of 8x8 uint8, want at most %d", n, maxCallAllocs)
	}
}

// maxCallAllocs is what TestOpCallAllocs allows: the one left is arith's
// (add's row closure captures its limits and type, so it escapes through
// internal/pointwise.Rows2's parallel path), against 15 allocations of
// 1171 bytes before the Image structs and lists were pooled and small
// pointwise work stopped making plane lists and band closures.
const maxCallAllocs = 1

// lastParsed, the entry checked before the map, serves only its own text:
// requests alternating, and one buffer rewritten between calls (as a
// caller may reuse it), each get their own op and values.
func TestParseRequestLast(t *testing.T) {
	a := []byte(`{"op":"captest.double","params":{"offset":2.5}}`)
	b := []byte(`{"op":"captest.double","params":{"offset":3.5}}`)
	buf := slices.Clone(a)
	for i := range 6 {
		body, want := a, 2.5
		switch i % 3 {
		case 1:
			body, want = b, 3.5
		case 2:
			copy(buf, b) // the text that lastParsed holds now, in another buffer
			body, want = buf, 3.5
			defer copy(buf, a)
		}
		op, p, _, err := parseRequest(body)
		if err != nil || op.Name != "captest.double" || p.Float("offset") != want {
			t.Fatalf("call %d: %v %v %v, want offset %v", i, op, p, err, want)
		}
		if c := lastParsed.Load(); c == nil || c.body != string(body) {
			t.Fatalf("call %d: lastParsed is not the request just parsed", i)
		}
	}
	copy(buf, a)
	if _, p, _, _ := parseRequest(buf); p.Float("offset") != 2.5 {
		t.Fatalf("a rewritten buffer: offset %v, want 2.5", p.Float("offset"))
	}
}

// TestTypeStr: a record's dtype word reads as its bytes up to the first
// NUL, from the interned table or not, and the same on a second read.
func TestTypeStr(t *testing.T) {
	word := func(s string) int64 {
		var w int64
		for i := range len(s) {
			w |= int64(s[i]) << (8 * i)
		}
		return w
	}
	for _, s := range []string{"<f4", "|u1", ">i8", "=b1", "<c8", "<M8", "|V16"[:4], ""} {
		for range 2 {
			if got := typeStr(word(s)); got != s {
				t.Fatalf("typeStr(%q's word) = %q", s, got)
			}
		}
	}
}

// TestScratchReleasePartial: release zeroes what a call wrote through
// the scratch's accessors, whichever of the first entries they were, so a
// pooled scratch never hands a later call a stale image or record.
func TestScratchReleasePartial(t *testing.T) {
	px := make([]uint8, 12)
	for _, i := range []int{0, 2, maxPooled - 1, maxPooled} {
		s := getScratch()
		img := s.input(i)
		if i == maxPooled {
			img = s.output()
		}
		if img == nil {
			t.Fatalf("no pooled image %d", i)
		}
		w := wireImage{Source: &s.record(min(i, maxPooled-1)).r}
		w.Source.Kind = "array"
		if err := gips.FromArrayInto(img, gips.ArrayOf(px, 3, 4)); err != nil {
			t.Fatal(err)
		}
		s.ins[0], s.geoms[0] = img, img.Geometry()
		s.use(1)
		s.release()
		if !reflect.ValueOf(*s).IsZero() {
			t.Fatalf("entry %d: a released scratch still holds the call's image", i)
		}
	}
}

// TestFlatCallAllocs: the flat path of a small in-place add allocates
// nothing. Its array records stay on flatCall's stack; handed to
// splitCall, whose closures go to par's workers, they had moved to the
// heap on every call (+85 ns of the percall row's 8x8 add).
func TestFlatCallAllocs(t *testing.T) {
	for i := range tinyA {
		tinyA[i], tinyC[i] = uint8(i), 1
	}
	op, p, _, err := parseRequest([]byte(`{"op":"arith.add","params":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	words := tinyWords()
	call := func() {
		st := opCallState{words: words, n: 2, hasOut: true}
		if !st.flatCall(op, p) {
			t.Fatal("the flat path declined an 8x8 uint8 add")
		}
	}
	call()
	if tinyA[5] != 6 {
		t.Fatalf("add(a, c, out=a): a[5] = %d, want 6", tinyA[5])
	}
	if n := testing.AllocsPerRun(100, call); n != 0 {
		t.Fatalf("%.1f allocations per flat 8x8 add, want none", n)
	}
}
