package stats

import (
	"math"
	"slices"
	"sync"
	"unsafe"

	"github.com/gipsdev/gips"
)

// Order statistics of 32- and 64-bit images by radix selection: each pixel's
// bits become an unsigned key in the values' order (keyer); one pass counts
// the keys by their top 16 bits, which tells in which of those 65536 buckets
// each wanted rank lies; a second pass gathers the keys of those buckets
// only, and counting them on the next 8 bits, then the next, narrows them
// down until the rank's key is known whole (or few enough to sort). Two
// passes over the image and work on a few buckets, where the quickselect
// on a copy of the image that it replaces moved every pixel several times:
// a 1024² float32 median took 3.5x numpy's time, now a sixth (CPU time,
// 50 calls from Python, 1 thread: 2.8 ms against numpy.percentile's 17.5).

const (
	radixBits = 16
	radixSize = 1 << radixBits
	// maxGroups is how many buckets one gathering pass fills (a slot byte
	// per bucket); a rank needs at most one.
	maxGroups = 255
	// subBits is the digit of the levels below the first.
	subBits = 8
	// smallSort is the bucket length below which sorting the gathered keys
	// costs less than another pass over them.
	smallSort = 256
)

// key is the unsigned type holding a pixel's bits.
type key interface{ ~uint32 | ~uint64 }

// keyer maps a pixel's bits b to a key in the values' order:
// b ^ (b>>>signed top bit & neg | flip). Unsigned integers keep their bits;
// signed ones flip the sign bit; IEEE floats flip the sign bit of positive
// values and every bit of negative ones (so -0 sorts just below +0).
type keyer[K key] struct{ neg, flip K }

func keyerOf[K key](t gips.BufferType) keyer[K] {
	top := K(1) << (8*unsafe.Sizeof(K(0)) - 1)
	switch {
	case t.IsFloat():
		return keyer[K]{neg: top - 1, flip: top}
	case t.IsSigned():
		return keyer[K]{flip: top}
	}
	return keyer[K]{}
}

func (k keyer[K]) key(b K) K {
	shift := 8*unsafe.Sizeof(K(0)) - 1
	sign := K(0) - (b >> shift) // all ones for a set top bit
	return b ^ (sign&k.neg | k.flip)
}

// bits inverts key.
func (k keyer[K]) bits(v K) K {
	shift := 8*unsafe.Sizeof(K(0)) - 1
	if k.neg != 0 && v>>shift == 0 { // a negative float: every bit was flipped
		return ^v
	}
	return v ^ k.flip
}

// want is a rank to find, and where its key ends up.
type want[K key] struct {
	rank int64
	key  K
}

// rowsOf calls fn with every row of the image (stored as T) as its bits, K.
func rowsOf[T gips.Pixel, K key](img *gips.Image, fn func(row []K)) error {
	planes, err := gips.Planes[T](img)
	if err != nil {
		return err
	}
	for _, p := range planes {
		for y := 0; y < p.Height; y++ {
			r := p.Row(y)
			fn(unsafe.Slice((*K)(unsafe.Pointer(unsafe.SliceData(r))), len(r)))
		}
	}
	return nil
}

// scratch is the first level's counters and slots, pooled: fresh pages for
// them cost more page faults per call than the counting itself.
type scratch struct {
	part [radixSize]uint32
	hist [radixSize]int64
	slot [radixSize]uint8
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// radixSelect finds the keys of the wanted ranks (sorted, each < the pixel
// count) among the image's pixels, and reports whether a float image holds
// NaN (the keys are then not filled).
func radixSelect[T gips.Pixel, K key](img *gips.Image, ws []want[K]) (nan bool, err error) {
	kr := keyerOf[K](img.Type())
	shift := uint(8*unsafe.Sizeof(K(0)) - radixBits)
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.hist = [radixSize]int64{}
	var since int64
	err = rowsOf[T](img, func(row []K) {
		if since+int64(len(row)) >= math.MaxUint32 {
			flush(&sc.hist, &sc.part)
			since = 0
		}
		since += int64(len(row))
		countRow(&sc.part, row, kr)
	})
	if err != nil {
		return false, err
	}
	flush(&sc.hist, &sc.part)
	hist := sc.hist[:]
	if img.Type().IsFloat() && hasNaN[T](img, kr, hist, shift) {
		return true, nil
	}
	groups := groupRanks(hist, ws)
	for i := range sc.slot {
		sc.slot[i] = 0xff
	}
	bufs := make([][]K, len(groups))
	for i, g := range groups {
		if err := gips.CheckAlloc("percentiles: gathered pixels", int(hist[g.bucket]), int(unsafe.Sizeof(K(0)))); err != nil {
			return false, err
		}
		bufs[i] = make([]K, 0, hist[g.bucket])
		sc.slot[g.bucket] = uint8(i)
	}
	rowsOf[T](img, func(row []K) { gatherRow(bufs, &sc.slot, row, kr) })
	for i, g := range groups {
		selectKeys(bufs[i], g.ws, shift)
	}
	return false, nil
}

// countRow and gatherRow are the two passes' loops, out of the closures
// that feed them rows: a captured variable is reloaded after every store
// the compiler cannot prove apart from it. Both read the top radixBits of
// a key (a shift the compiler knows).
func countRow[K key](part *[radixSize]uint32, row []K, kr keyer[K]) {
	for _, b := range row {
		part[kr.key(b)>>(8*unsafe.Sizeof(K(0))-radixBits)]++
	}
}

func gatherRow[K key](bufs [][]K, slot *[radixSize]uint8, row []K, kr keyer[K]) {
	for _, b := range row {
		k := kr.key(b)
		if s := slot[k>>(8*unsafe.Sizeof(K(0))-radixBits)]; s != 0xff {
			bufs[s] = append(bufs[s], k)
		}
	}
}

func flush(hist *[radixSize]int64, part *[radixSize]uint32) {
	for i, c := range part {
		hist[i] += int64(c)
	}
	*part = [radixSize]uint32{}
}

// group is the wanted ranks that lie in one bucket, made relative to it.
type group[K key] struct {
	bucket int
	ws     []want[K]
}

// groupRanks splits ws (sorted by rank) by the bucket each lies in, the
// ranks made relative to the bucket's first pixel: at most len(ws) groups.
func groupRanks[K key](hist []int64, ws []want[K]) []group[K] {
	var gs []group[K]
	var cum int64
	j := 0
	for b, c := range hist {
		start := j
		for j < len(ws) && ws[j].rank < cum+c {
			ws[j].rank -= cum
			j++
		}
		if j > start {
			gs = append(gs, group[K]{bucket: b, ws: ws[start:j]})
		}
		cum += c
	}
	return gs
}

// selectKeys fills ws' keys from keys, which share every bit above shift:
// the ranks are relative to keys. Below the first level the digits are 8
// bits, whose counters live on the stack. keys is reordered.
func selectKeys[K key](keys []K, ws []want[K], shift uint) {
	if len(keys) <= smallSort || shift == 0 {
		slices.Sort(keys)
		for i := range ws {
			ws[i].key = keys[ws[i].rank]
		}
		return
	}
	shift -= subBits
	var hist [1 << subBits]int64
	for _, k := range keys {
		hist[uint8(k>>shift)]++
	}
	groups := groupRanks(hist[:], ws)
	if len(groups) == 1 { // the common case: gather in place
		g := groups[0]
		n := 0
		for _, k := range keys {
			if int(uint8(k>>shift)) == g.bucket {
				keys[n] = k
				n++
			}
		}
		selectKeys(keys[:n], g.ws, shift)
		return
	}
	for _, g := range groups {
		sub := make([]K, 0, hist[g.bucket])
		for _, k := range keys {
			if int(uint8(k>>shift)) == g.bucket {
				sub = append(sub, k)
			}
		}
		selectKeys(sub, g.ws, shift)
	}
}

// hasNaN reports whether the image holds a NaN: its keys lie beyond those
// of ±Inf. The buckets of ±Inf themselves hold both Inf and NaN keys, and
// are scanned only when they are not empty.
func hasNaN[T gips.Pixel, K key](img *gips.Image, kr keyer[K], hist []int64, shift uint) bool {
	var inf K = K(math.Float32bits(float32(math.Inf(1))))
	if unsafe.Sizeof(K(0)) == 8 {
		inf = K(math.Float64bits(math.Inf(1)))
	}
	hi, lo := kr.key(inf), kr.key(inf|K(1)<<(8*unsafe.Sizeof(K(0))-1))
	for b := int(hi>>shift) + 1; b < radixSize; b++ {
		if hist[b] != 0 {
			return true
		}
	}
	for b := 0; b < int(lo>>shift); b++ {
		if hist[b] != 0 {
			return true
		}
	}
	if hist[hi>>shift] == 0 && hist[lo>>shift] == 0 {
		return false
	}
	nan := false
	rowsOf[T](img, func(row []K) {
		for _, b := range row {
			if k := kr.key(b); k > hi || k < lo {
				nan = true
			}
		}
	})
	return nan
}
