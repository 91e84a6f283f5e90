package stats

import (
	"encoding/binary"
	"math"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	pw "github.com/gipsdev/gips/internal/pointwise"
	"github.com/gipsdev/gips/internal/swar"
)

// patternCounts adds to dense (256 or 65536 counters) how many pixels of
// the 8- or 16-bit planes hold each bit pattern, in one pass, in integer
// counters (several per worker, so that equal neighbours do not wait on
// one counter): the histogram of histSmall and the value counts of
// ValueCounts and DenseCounts (Otsu's histogram).
func patternCounts[T gips.Pixel](ps []gips.Plane[T], g gips.Geometry, t gips.BufferType, dense []int64) {
	if t.ItemSize() == 1 {
		patternCounts8(ps, g, (*[256]int64)(dense))
		return
	}
	// Each worker keeps the counter it took (used lists them), and they
	// are flushed after the pass: the closure, which escapes, does not
	// capture dense, so that a caller's array stays on its stack.
	var used pool[counter16]
	used.new = func() *counter16 { return counters16.Get().(*counter16) }
	par.BandsWork(len(ps), g.SizeY, g.SizeX*t.ItemSize(), func(i, y0, y1 int) {
		c := used.get()
		for y := y0; y < y1; y++ {
			c.add(swar.View[uint16](ps[i].Row(y)))
		}
		used.put(c)
	})
	for _, c := range used.all {
		c.flush(dense)
		counters16.Put(c)
	}
}

// sums8 is where patternCounts8's workers add their counts: pooled, so
// that the caller's dense array (often on its stack) is not captured by
// the band closure, which escapes, and nothing of 2 KiB is allocated a call.
type sums8 struct {
	mu sync.Mutex
	n  [256]int64
}

var sums8Pool = sync.Pool{New: func() any { return new(sums8) }}

// countBytes is the work of counting a byte, in par's bytes: the loop
// counts about 4 bytes a ns, and par's bytes go at the speed of a
// pointwise op in cache (1024x1024 uint8 invert, 2 MiB in about 15 us
// on one core: over 60 a ns), so that a 256x256 image (64 KiB, about 16
// us of counting) goes to two workers. Measured through Python with the
// other sessions' processes stopped (2026-12-02 17:15, 1000 calls, two
// interleaved rounds, min/median): 256x256 histogram 20.7-20.9/22.6-23.8
// -> 16.5-16.9/20.5-21.7 us (OpenCV calcHist 19.5-20.2/19.7-20.5), Otsu
// 21.6-21.8/23.3-24.6 -> 15.4/17.4-19.6, otsuApply 22.7-22.8/25.1-25.8 ->
// 18.7-18.9/20.8-21.5 (OpenCV THRESH_OTSU 23.0-23.3/23.2-23.9); 512x512
// went to two workers before too (4 was the factor until then).
const countBytes = 16

// countInline says whether n bytes are counted on one worker.
func countInline(n int) bool { return n*countBytes < par.InlineBytes }

// smallRun is the run length below which bytes are counted straight into
// the int64 counts: clearing and summing the four sub-histograms (1024
// counters) would cost more than the counting.
const smallRun = 2048

func patternCounts8[T gips.Pixel](ps []gips.Plane[T], g gips.Geometry, dense *[256]int64) {
	sums := sums8Pool.Get().(*sums8)
	// The work is counted as the bytes read. (Counted as 8 bytes a pixel,
	// the 1024x1024 uint8 histogram, about 350 us on one core, went to
	// two workers: on a loaded machine, 2026-11-30 load 17, its median
	// rose from 450 to 660-880 us; unmeasured on an idle one. Again with
	// par's spinning helpers, 2026-11-30 17:35, load 8, bench.py: median
	// 0.47 -> 0.65 ms, minimum 0.345 -> 0.376, Otsu alike.)
	par.BandsWork(len(ps), g.SizeY, g.SizeX*countBytes, func(i, y0, y1 int) {
		var local [256]int64
		switch s, ok := pw.Span(ps[i], y0, y1); {
		case ok:
			countBytes8(swar.View[byte](s), &local)
		case (y1-y0)*g.SizeX < smallRun:
			for y := y0; y < y1; y++ {
				for _, v := range swar.View[byte](ps[i].Row(y)) {
					local[v]++
				}
			}
		default:
			c := counters8.Get().(*counter8)
			for y := y0; y < y1; y++ {
				c.add(swar.View[byte](ps[i].Row(y)), &local)
			}
			c.flush(&local)
			counters8.Put(c)
		}
		sums.mu.Lock()
		for k, n := range &local {
			sums.n[k] += n
		}
		sums.mu.Unlock()
	})
	for k, n := range &sums.n {
		dense[k] += n
	}
	sums.n = [256]int64{}
	sums8Pool.Put(sums)
}

// countBytes8 adds to total how many bytes of s hold each value: a run
// under smallRun straight into total, a longer one through a counter8.
func countBytes8(s []byte, total *[256]int64) {
	if len(s) < smallRun {
		for _, v := range s {
			total[v]++
		}
		return
	}
	c := counters8.Get().(*counter8)
	c.add(s, total)
	c.flush(total)
	counters8.Put(c)
}

// histSmall is histPlanes for 8- and 16-bit integer images: it counts each
// of the 256 or 65536 bit patterns in integer counts, no float per pixel,
// then bins them (binPatterns). For a Binary image (binary) every non-zero
// pattern is the value 1.
func histSmall[T gips.Pixel](ps []gips.Plane[T], g gips.Geometry, t gips.BufferType, b binner, counts []int64, binary bool) error {
	var small [256]int64
	dense := small[:]
	if t.ItemSize() == 2 {
		dense = make([]int64, 1<<16)
	}
	patternCounts(ps, g, t, dense)
	binPatterns(dense, t, b, counts, binary)
	return nil
}

// binPatterns adds to counts the pixels of each bit pattern that dense
// counts (256 or 65536 patterns of type t), each pattern present binned
// by the same rule as a pixel (b.bin), so that the bins are the per-pixel
// ones whatever nbins and range are. For a Binary image (binary) every
// non-zero pattern is the value 1: dense is folded so first.
func binPatterns(dense []int64, t gips.BufferType, b binner, counts []int64, binary bool) {
	if binary {
		foldBinary(dense)
	}
	tlo, _ := t.Range()
	signed := tlo < 0
	if b.unitBins() {
		// Edges first, first+1, ..., first+len(counts): v is in bin
		// v - first (the last bin closed). Every pattern is added, those
		// of no pixel too: no branch on the counts.
		first, last := int(b.first), len(counts)-1
		for p, n := range dense {
			v := p
			if signed && p >= len(dense)/2 { // two's complement
				v -= len(dense)
			}
			if k := v - first; k >= 0 && k <= last+1 {
				counts[min(k, last)] += n
			}
		}
		return
	}
	for p, n := range dense {
		if n == 0 {
			continue
		}
		v := p
		if signed && p >= len(dense)/2 {
			v -= len(dense)
		}
		if k, ok := b.bin(float64(v)); ok {
			counts[k] += n
		}
	}
}

// foldBinary adds the counts of the patterns 2 and up to pattern 1's.
func foldBinary(dense []int64) {
	for p := 2; p < len(dense); p++ {
		dense[1] += dense[p]
		dense[p] = 0
	}
}

// The counters keep several interleaved sub-histograms of uint32 counts:
// consecutive pixels, often of one value, increment different memory, so
// an increment rarely waits for the store of the one before it. The sums
// go to int64 counts before a uint32 can overflow. They are pooled, and
// always put back cleared (flush).
var (
	counters8  = sync.Pool{New: func() any { return new(counter8) }}
	counters16 = sync.Pool{New: func() any { return new(counter16) }}
)

// subs16 is the number of sub-histograms of 16-bit values: 2 x 256 KiB
// stay within a core's L2.
const subs16 = 2

// counter8 counts bytes in four sub-histograms: byte i of a run goes to
// sub-histogram i mod 4. (Measured, CPU time of 1024x1024 bench-like
// pixels, 2026-11-30: four sub-histograms indexed by the bytes loaded one
// by one, 16 a loop, 240 us; the same from shifts of 8-byte words, 360
// us; eight sub-histograms, 300 us; uint16 counters, 330 us; one, 300.)
type counter8 struct {
	c       [4][256]uint32
	pending int // pixels counted since the last flush
}

// add counts s, flushing into total when a counter could overflow.
func (c *counter8) add(s []byte, total *[256]int64) {
	for len(s) > 0 {
		n := min(len(s), math.MaxUint32-c.pending)
		if n == 0 {
			c.flush(total)
			continue
		}
		count8(&c.c, s[:n])
		c.pending += n
		s = s[n:]
	}
}

// count8 is the counting loop (its own function, so that the table's
// address is a register).
func count8(h *[4][256]uint32, s []byte) {
	for ; len(s) >= 16; s = s[16:] {
		t := s[:16]
		h[0][t[0]]++
		h[1][t[1]]++
		h[2][t[2]]++
		h[3][t[3]]++
		h[0][t[4]]++
		h[1][t[5]]++
		h[2][t[6]]++
		h[3][t[7]]++
		h[0][t[8]]++
		h[1][t[9]]++
		h[2][t[10]]++
		h[3][t[11]]++
		h[0][t[12]]++
		h[1][t[13]]++
		h[2][t[14]]++
		h[3][t[15]]++
	}
	for _, v := range s {
		h[0][v]++
	}
}

// flush adds the counts to total and clears them.
func (c *counter8) flush(total *[256]int64) {
	for k := range total {
		total[k] += int64(c.c[0][k]) + int64(c.c[1][k]) + int64(c.c[2][k]) + int64(c.c[3][k])
	}
	c.c, c.pending = [4][256]uint32{}, 0
}

type counter16 struct {
	c       [subs16][65536]uint32
	pending int
	total   []int64 // counts flushed before an overflow, nil if none
}

func (c *counter16) add(s []uint16) {
	for len(s) > 0 {
		n := min(len(s), math.MaxUint32-c.pending)
		if n == 0 {
			if c.total == nil {
				c.total = make([]int64, 65536)
			}
			c.flush(c.total)
			continue
		}
		c.count(s[:n])
		c.pending += n
		s = s[n:]
	}
}

func (c *counter16) count(s []uint16) {
	h := &c.c
	b := swar.View[byte](s)
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		h[0][uint16(x)]++
		h[subs16-1][uint16(x>>16)]++
		h[0][uint16(x>>32)]++
		h[subs16-1][uint16(x>>48)]++
		b = b[8:]
	}
	s = s[len(s)-len(b)/2:]
	for _, v := range s {
		h[0][v]++
	}
}

// flush adds the counts (and those flushed before) to total (65536
// counters) and clears them.
func (c *counter16) flush(total []int64) {
	t := total[:65536]
	for j := range c.c {
		for k, n := range &c.c[j] {
			t[k] += int64(n)
		}
		c.c[j] = [65536]uint32{}
	}
	if c.total != nil && &c.total[0] != &t[0] {
		for k, n := range c.total {
			t[k] += n
		}
		c.total = nil
	}
	c.pending = 0
}
