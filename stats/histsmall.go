package stats

import (
	"encoding/binary"
	"math"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/swar"
)

// patternCounts counts each of the 256 or 65536 bit patterns of an 8- or
// 16-bit image in one pass, in integer counters (several per worker, so
// that equal neighbours do not wait on one counter): the histogram of
// histSmall and the value counts of ValueCounts (Otsu's histogram).
func patternCounts[T gips.Pixel](ps []gips.Plane[T], g gips.Geometry, t gips.BufferType) []int64 {
	bits := 8 * t.ItemSize()
	// Bands calls once per plane of a band: counters are reused from call
	// to call (one per worker) and summed at the end.
	var c8 pool[counter8]
	var c16 pool[counter16]
	// The work is counted as the bytes read. (Counted as 8 bytes a pixel,
	// the 1024x1024 uint8 histogram, about 350 us on one core, went to
	// two workers: on a loaded machine, 2026-11-30 load 17, its median
	// rose from 450 to 660-880 us; unmeasured on an idle one. Again with
	// par's spinning helpers, 2026-11-30 17:35, load 8, bench.py: median
	// 0.47 -> 0.65 ms, minimum 0.345 -> 0.376, Otsu alike.)
	par.BandsWork(len(ps), g.SizeY, g.SizeX*t.ItemSize(), func(i, y0, y1 int) {
		if bits == 8 {
			c := c8.get()
			for y := y0; y < y1; y++ {
				c.add(swar.View[byte](ps[i].Row(y)))
			}
			c8.put(c)
			return
		}
		c := c16.get()
		for y := y0; y < y1; y++ {
			c.add(swar.View[uint16](ps[i].Row(y)))
		}
		c16.put(c)
	})
	dense := make([]int64, 1<<bits)
	for _, c := range c8.all {
		for k, n := range c.flush() {
			dense[k] += n
		}
	}
	for _, c := range c16.all {
		for k, n := range c.flush() {
			dense[k] += n
		}
	}
	return dense
}

// histSmall is histPlanes for 8- and 16-bit integer images: it counts each
// of the 256 or 65536 bit patterns in integer counters, no float per pixel,
// then bins each pattern present by the same rule as a pixel (b.bin), so
// the bins are the per-pixel ones whatever nbins and range are. For a
// Binary image (binary) every non-zero pattern is the value 1.
func histSmall[T gips.Pixel](ps []gips.Plane[T], g gips.Geometry, t gips.BufferType, b binner, counts []int64, binary bool) error {
	dense := patternCounts(ps, g, t)
	if binary {
		for p := 2; p < len(dense); p++ {
			dense[1] += dense[p]
			dense[p] = 0
		}
	}
	tlo, _ := t.Range()
	for p, n := range dense {
		if n == 0 {
			continue
		}
		v := p
		if tlo < 0 && p >= len(dense)/2 { // two's complement
			v -= len(dense)
		}
		if k, ok := b.bin(float64(v)); ok {
			counts[k] += n
		}
	}
	return nil
}

// pool hands each concurrent caller a C of its own, and remembers them all.
type pool[C any] struct {
	mu        sync.Mutex
	free, all []*C
}

func (p *pool[C]) get() *C {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.free); n > 0 {
		c := p.free[n-1]
		p.free = p.free[:n-1]
		return c
	}
	c := new(C)
	p.all = append(p.all, c)
	return c
}

func (p *pool[C]) put(c *C) {
	p.mu.Lock()
	p.free = append(p.free, c)
	p.mu.Unlock()
}

// The counters keep several interleaved sub-histograms of uint32 counts:
// consecutive pixels, often of one value, increment different memory, so
// an increment rarely waits for the store of the one before it. The sums
// go to int64 counts before a uint32 can overflow.

// subs16 is the number of sub-histograms of 16-bit values: 2 x 256 KiB
// stay within a core's L2.
const subs16 = 2

type counter8 struct {
	c       [4][256]uint32
	pending int // pixels counted since the last flush
	total   []int64
}

func (c *counter8) add(s []byte) {
	for len(s) > 0 {
		n := min(len(s), math.MaxUint32-c.pending)
		if n == 0 {
			c.flush()
			continue
		}
		c.count(s[:n])
		c.pending += n
		s = s[n:]
	}
}

func (c *counter8) count(s []byte) {
	h := &c.c
	for len(s) >= 8 {
		x := binary.LittleEndian.Uint64(s)
		h[0][uint8(x)]++
		h[1][uint8(x>>8)]++
		h[2][uint8(x>>16)]++
		h[3][uint8(x>>24)]++
		h[0][uint8(x>>32)]++
		h[1][uint8(x>>40)]++
		h[2][uint8(x>>48)]++
		h[3][uint8(x>>56)]++
		s = s[8:]
	}
	for _, v := range s {
		h[0][v]++
	}
}

// flush adds the counts to the int64 totals, clears them and returns the
// totals.
func (c *counter8) flush() []int64 {
	if c.total == nil {
		c.total = make([]int64, 256)
	}
	for k := range c.total[:256] {
		c.total[k] += int64(c.c[0][k]) + int64(c.c[1][k]) + int64(c.c[2][k]) + int64(c.c[3][k])
	}
	c.c, c.pending = [4][256]uint32{}, 0
	return c.total
}

type counter16 struct {
	c       [subs16][65536]uint32
	pending int
	total   []int64
}

func (c *counter16) add(s []uint16) {
	for len(s) > 0 {
		n := min(len(s), math.MaxUint32-c.pending)
		if n == 0 {
			c.flush()
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

func (c *counter16) flush() []int64 {
	if c.total == nil {
		c.total = make([]int64, 65536)
	}
	t := c.total[:65536]
	for j := range c.c {
		for k, n := range &c.c[j] {
			t[k] += int64(n)
		}
		c.c[j] = [65536]uint32{}
	}
	c.pending = 0
	return c.total
}
