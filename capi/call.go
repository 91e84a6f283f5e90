package main

import (
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The fast op call (gips_op_call): what Python sends for every op, so its
// cost is the per-call overhead of the binding. Measured on 8x8 images
// (capi/overhead_bench_test.go, python/tests/test_fastcall.py), the old
// path spent its time in building ctypes structs, encoding and decoding the
// JSON request, parsing parameters and encoding a reply nobody read. Here:
//
//   - images travel as a flat array of int64 records that Python builds
//     with one array.array call: the address of a numpy array object,
//     whose layout Go reads here (recNumpy), or the array's layout spelled
//     out, or the address of an Image's cached gips_image struct;
//   - the request text of a call is the key of a cache of its parsed form
//     (op and Values), kept when every Value is immutable (a number, a
//     bool, a string, nil: shared) or a list of numbers (copied per call);
//   - an image op that wrote into the caller's output sends no reply, and
//     Python gives a new image's output itself once it knows its layout
//     (python/gips/_ops.py, _OUTS: no allocation callback, no JSON reply);
//   - a number result comes back as float64 bits in the words after the
//     reply pointer, not as JSON, and a histogram or vector as a tag and
//     its length there, its values in the blocks the caller's allocator
//     gave (python/gips/_fastcall.c allocates them in C);
//   - a call of up to maxPooled images takes its records and image lists
//     from a pool (callScratch) instead of allocating them.

// Record kinds in gips_op_call's int64 array.
const (
	recStruct = 1 // [1, address of a gips_image]
	recArray  = 2 // [2, flags (4 read-only), data, typestr bytes, ndim, shape..., strides...]
	recNumpy  = 3 // [3, address of a numpy ndarray object, typestr bytes]
)

// The fields of numpy's PyArrayObject that recNumpy reads (numpy's
// PyArrayObject_fields, the same in numpy 1.7 to 2.x, which its C API's
// inline accessors read directly; 64-bit CPython's PyObject header). Python
// checks at import that these offsets give each test array's own data,
// shape, strides and flags (python/gips/_ops.py, _numpyProbe), and sends
// recArray records when they do not (another Python or numpy): reading
// the object costs Python nothing, where spelling the layout out costs
// about a microsecond per array.
const (
	npyData       = 16     // char *data
	npyNDim       = 24     // int nd
	npyDims       = 32     // npy_intp *dimensions
	npyStrides    = 40     // npy_intp *strides
	npyFlags      = 64     // int flags
	npyWriteable  = 0x0400 // NPY_ARRAY_WRITEABLE
	maxRecordDims = 8
)

// numpyArray reads the layout of the ndarray object at addr. The caller
// holds a reference to it for the length of the call, and its memory is
// not Go's: nothing of it is kept after the call.
func numpyArray(addr uint64, typ int64, rec *arrayRecord) (*arrayRecord, error) {
	at := func(off uint64) unsafe.Pointer { return pointer(addr + off) }
	if addr == 0 {
		return nil, fmt.Errorf("%w: NULL array object", errRequest)
	}
	nd := int(*(*int32)(at(npyNDim)))
	if nd < 0 || nd > maxRecordDims {
		return nil, fmt.Errorf("fromArray: array of %d dimensions: want 2D (Y, X) or 3D (Z, Y, X) and up to 8 axes: %w", nd, gips.ErrShape)
	}
	rec.a = wireArray{Data: uint64(*(*uintptr)(at(npyData))), TypeStr: typeStr(typ),
		ReadOnly: *(*int32)(at(npyFlags))&npyWriteable == 0,
		Shape:    rec.dims[:nd:nd], Strides: rec.dims[8 : 8+nd : 8+nd]}
	if nd > 0 {
		dims := unsafe.Slice((*int64)(*(*unsafe.Pointer)(at(npyDims))), nd)
		strides := unsafe.Slice((*int64)(*(*unsafe.Pointer)(at(npyStrides))), nd)
		for j := range nd {
			rec.a.Shape[j], rec.a.Strides[j] = int(dims[j]), int(strides[j])
		}
	}
	rec.r = wrapRequest{Kind: "array", Array: &rec.a}
	return rec, nil
}

// callScratch is the per-call memory of a fast call with up to maxPooled
// images: the decoded records and runParsed's image and geometry lists,
// taken from a pool so that a small call does not allocate them (each
// allocation costs, and with the ballast's large heap goal their memory is
// cold). Released zeroed: no pointer of a call outlives it.
//
// images holds the Image structs of the call's inputs (and, last, of its
// output) when they are arrays or one strided block
// (gips.FromArrayGeometryInto): the few hundred bytes of each were most of
// what a small call allocated. The op must not keep them past the call,
// as it must keep nothing of the caller's memory.
type callScratch struct {
	images [maxPooled + 1]gips.Image
	imgs   [maxPooled]wireImage
	recs   [maxPooled]arrayRecord
	ins    [maxPooled]*gips.Image
	geoms  [maxPooled]gips.Geometry
	// used is how many of the lists' first entries a call may have
	// written: release zeroes those and the output, not the whole
	// scratch (kilobytes, with write barriers, for a one-input call).
	used int
}

const maxPooled = 4

var scratchPool = sync.Pool{New: func() any { return new(callScratch) }}

func getScratch() *callScratch { return scratchPool.Get().(*callScratch) }

func (s *callScratch) release() {
	n := s.used
	clear(s.images[:n])
	s.images[maxPooled] = gips.Image{}
	clear(s.imgs[:n])
	clear(s.recs[:n])
	clear(s.ins[:n])
	clear(s.geoms[:n])
	s.used = 0
	scratchPool.Put(s)
}

// use notes that entries [0, n) of the lists are about to be written.
func (s *callScratch) use(n int) { s.used = max(s.used, min(n, maxPooled)) }

// input is the Image struct to build the i-th input in, or nil: a new
// one is allocated.
func (s *callScratch) input(i int) *gips.Image {
	if s != nil && i < maxPooled {
		s.use(i + 1)
		return &s.images[i]
	}
	return nil
}

// output is the Image struct to build the output in, or nil.
func (s *callScratch) output() *gips.Image {
	if s != nil {
		return &s.images[maxPooled]
	}
	return nil
}

// record is the i-th array record: in the scratch when there is room.
func (s *callScratch) record(i int) *arrayRecord {
	if s != nil && i < maxPooled {
		s.use(i + 1)
		return &s.recs[i]
	}
	return &arrayRecord{}
}

// decodeRecords reads n images from the words; fromStruct reads a
// gips_image at an address. The images live in s (nil: allocated) when
// there are few enough.
func decodeRecords(words []int64, n int, s *callScratch, fromStruct func(addr uint64, rec *arrayRecord) (wireImage, error)) ([]wireImage, error) {
	var out []wireImage
	if s != nil && n <= maxPooled {
		s.use(n)
		out = s.imgs[:n]
	} else {
		out = make([]wireImage, n)
	}
	for i := range n {
		if len(words) < 2 {
			return nil, fmt.Errorf("%w: image record %d: truncated", errRequest, i)
		}
		switch words[0] {
		case recStruct:
			w, err := fromStruct(uint64(words[1]), s.record(i))
			if err != nil {
				return nil, err
			}
			out[i], words = w, words[2:]
		case recArray:
			if len(words) < 5 || words[4] < 0 || words[4] > 8 || len(words) < 5+2*int(words[4]) {
				return nil, fmt.Errorf("%w: array record %d: truncated", errRequest, i)
			}
			nd := int(words[4])
			// One record per array: request, array and its dims.
			rec := s.record(i)
			rec.a = wireArray{Data: uint64(words[2]), TypeStr: typeStr(words[3]), ReadOnly: words[1]&4 != 0,
				Shape: rec.dims[:nd:nd], Strides: rec.dims[8 : 8+nd : 8+nd]}
			for j := range nd {
				rec.a.Shape[j], rec.a.Strides[j] = int(words[5+j]), int(words[5+nd+j])
			}
			rec.r = wrapRequest{Kind: "array", Array: &rec.a}
			out[i] = wireImage{Source: &rec.r}
			words = words[5+2*nd:]
		case recNumpy:
			if len(words) < 3 {
				return nil, fmt.Errorf("%w: array record %d: truncated", errRequest, i)
			}
			rec, err := numpyArray(uint64(words[1]), words[2], s.record(i))
			if err != nil {
				return nil, err
			}
			out[i] = wireImage{Source: &rec.r}
			words = words[3:]
		default:
			return nil, fmt.Errorf("%w: image record %d: kind %d", errRequest, i, words[0])
		}
	}
	return out, nil
}

type arrayRecord struct {
	r    wrapRequest
	a    wireArray
	dims [16]int
}

// typeStrs interns the dtype strings of records: a handful of values.
var typeStrs sync.Map // int64 -> string

// knownTypeStrs are numpy's dtype strings of up to 8-byte items, every
// byte order, interned at start: read without sync.Map's atomic loads,
// the common case of every record (a map that is never written is safe
// to read from many goroutines).
var knownTypeStrs = func() map[int64]string {
	m := map[int64]string{}
	for _, order := range "|<>=" {
		for _, kind := range "biuf" {
			for _, size := range "1248" {
				s := string([]rune{order, kind, size})
				m[int64(s[0])|int64(s[1])<<8|int64(s[2])<<16] = s
			}
		}
	}
	return m
}()

// typeStr is the dtype string packed in a record word (its bytes, little
// endian, up to the first NUL).
func typeStr(w int64) string {
	if s, ok := knownTypeStrs[w]; ok {
		return s
	}
	if s, ok := typeStrs.Load(w); ok {
		return s.(string)
	}
	var ts [8]byte
	binary.LittleEndian.PutUint64(ts[:], uint64(w))
	k := 0
	for k < 8 && ts[k] != 0 {
		k++
	}
	s := string(ts[:k])
	if len(s) <= 4 { // a real dtype: few, keep it
		typeStrs.Store(w, s)
	}
	return s
}

// parsed is a request's op and parameters; shared says whether p may be
// handed to every call as it is (else each call gets a copy of its lists).
type parsed struct {
	op     *ops.Op
	p      ops.Values
	shared bool
}

// maxParsed bounds the cache of parsed requests: a script that varies a
// parameter in a loop fills it, and it is then emptied.
const maxParsed = 4096

var (
	parsedMu    sync.RWMutex
	parsedCache = map[string]*parsedEntry{}
	// lastParsed is the entry found last, checked before the map: a loop
	// of one call (the small calls issue 15 is about) finds it without the
	// lock's two atomic adds and the map's hash, a third of the Go side of
	// a flat 8x8 call (BenchmarkOpCallTinyParams).
	lastParsed atomic.Pointer[parsedEntry]
)

// parsedEntry is a cached request: its text and parsed form, never
// changed once stored.
type parsedEntry struct {
	body string
	parsed
}

// parseRequest gives the op and parameters of a JSON request {"op",
// "params"}, from the cache when this text was seen before.
func parseRequest(body []byte) (*ops.Op, ops.Values, map[string]any, error) {
	op, p, params, lists, err := parseShared(body)
	if lists {
		p = copyLists(p)
	}
	return op, p, params, err
}

// parseShared is parseRequest without the copy of a cached entry's lists
// (lists true: p is the entry's, whose lists an op must not change): the
// flat paths, which only read the parameters, take it as it is.
func parseShared(body []byte) (op *ops.Op, p ops.Values, params map[string]any, lists bool, err error) {
	c := lastParsed.Load()
	if c == nil || c.body != string(body) {
		parsedMu.RLock()
		c = parsedCache[string(body)]
		parsedMu.RUnlock()
		if c != nil {
			lastParsed.Store(c)
		}
	}
	if c != nil {
		return c.op, c.p, nil, !c.shared, nil
	}
	var r runRequest
	if err := decode(body, &r); err != nil {
		return nil, nil, nil, false, err
	}
	if op, err = ops.Lookup(r.Op); err != nil {
		return nil, nil, nil, false, err
	}
	if p, err = op.Parse(r.Params); err != nil {
		return nil, nil, nil, false, err
	}
	if shared, ok := cacheable(p); ok {
		parsedMu.Lock()
		if len(parsedCache) >= maxParsed {
			clear(parsedCache)
		}
		e := &parsedEntry{string(body), parsed{op, p, true}}
		if !shared {
			e.parsed = parsed{op, copyLists(p), false}
		}
		parsedCache[e.body] = e
		lastParsed.Store(e)
		parsedMu.Unlock()
	}
	return op, p, r.Params, false, nil
}

// cacheable says whether parsed values can be cached: each immutable (a
// number, a bool, a string, nil: shared) or a list of numbers, which an
// op could change (each call then gets a copy: a histogram's range, a
// list of percentiles; a copy costs far less than decoding the JSON).
func cacheable(p ops.Values) (shared, ok bool) {
	shared = true
	for _, v := range p {
		switch v.(type) {
		case nil, bool, int, float64, string:
		case []float64, []int:
			shared = false
		default:
			return false, false
		}
	}
	return shared, true
}

// copyLists is p with its lists copied.
func copyLists(p ops.Values) ops.Values {
	q := maps.Clone(p)
	for k, v := range q {
		switch v := v.(type) {
		case []float64:
			q[k] = slices.Clone(v)
		case []int:
			q[k] = slices.Clone(v)
		}
	}
	return q
}

// noReply is a handler's result when the caller needs nothing back: the
// image op wrote into the caller's output. serve then writes NULL in *out.
type noReplyT struct{}

var noReply any = noReplyT{}

// Tags of a result that gips_op_call sends in the words after the reply
// pointer instead of JSON, when the caller has them (numbers).
const (
	tagNone      = 0
	tagNumber    = 1 // a number: its float64 bits
	tagHistogram = 2 // a histogram of n bins in the blocks allocated: n
	tagVector    = 3 // a vector of n values in the block allocated: n
	tagTable     = 4 // a table of n rows in the blocks allocated (allocTable): n
)

// opCall is gips_op_call's Go side: the request, n inputs and (when
// hasOut) the output as records in words, alloc for a new output (nil: the
// caller gives the output or wants a number). It returns serve's code and
// text, and when the caller takes a result without JSON (numbers: it has
// the words for it) the result's tag and value instead of a reply. A
// small in-place call allocates nothing on the Go heap (TestOpCallAllocs):
// its records, image lists and Image structs are the pooled scratch, and
// nothing of them outlives the call.
func opCall(body []byte, n int, hasOut bool, words []int64, alloc func(int) uint64,
	fromStruct func(uint64, *arrayRecord) (wireImage, error), numbers bool) (code int, text string, tag int, value uint64) {
	c := opCallState{words: words, n: n, hasOut: hasOut, alloc: alloc, fromStruct: fromStruct, numbers: numbers}
	code, text = run(body, c.handle)
	if c.scratch != nil { // the flat path needs none (its zeroing was a quarter of its call)
		c.scratch.release()
	}
	return code, text, c.tag, c.value
}

// opCallState is an op call's arguments and tagged result, one value on
// the stack: a method value of it passed to run does not escape, where a
// closure capturing the call's variables did.
type opCallState struct {
	words      []int64
	n          int
	hasOut     bool
	alloc      func(int) uint64
	fromStruct func(uint64, *arrayRecord) (wireImage, error)
	scratch    *callScratch
	numbers    bool
	tag        int
	value      uint64
}

func (c *opCallState) handle(body []byte) (any, error) {
	op, p, params, lists, err := parseShared(body)
	if err != nil {
		return nil, err
	}
	if c.flatCall(op, p) || c.flatNumber(op, p) {
		return noReply, nil
	}
	if ok, err := c.flatHistogram(op, p); ok {
		return noReply, err
	}
	if lists {
		p = copyLists(p)
	}
	c.scratch = getScratch()
	nimg := c.n
	if c.hasOut {
		nimg++
	}
	if c.n < 0 {
		return nil, fmt.Errorf("%w: %d inputs", errRequest, c.n)
	}
	imgs, err := decodeRecords(c.words, nimg, c.scratch, c.fromStruct)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op.Name, err)
	}
	r := runRequest{Op: op.Name, Params: params, Inputs: imgs[:c.n], Alloc: c.alloc, scratch: c.scratch}
	if c.hasOut {
		r.Output = &imgs[c.n]
	}
	res, err := runParsed(op, p, r)
	if err == nil && r.Output != nil {
		if _, ok := res.(imageWritten); ok {
			return noReply, nil
		}
	}
	if err != nil || !c.numbers {
		return res, err
	}
	switch v := res.(type) {
	case ops.Result:
		if v.Kind == ops.ResultNumber {
			c.tag, c.value = tagNumber, math.Float64bits(v.Number)
			return noReply, nil
		}
		if v.Kind == ops.ResultTable && c.alloc != nil {
			rows, err := allocTable(op, v.Table, c.alloc)
			if v.Release != nil {
				v.Release() // copied: the op's pool may have the columns back
			}
			if err != nil {
				return nil, err
			}
			c.tag, c.value = tagTable, uint64(rows)
			return noReply, nil
		}
	case arrayReply:
		c.tag, c.value = tagVector, uint64(v.N)
		if v.Kind == ops.ResultHistogram {
			c.tag = tagHistogram
		}
		return noReply, nil
	}
	return res, nil
}
