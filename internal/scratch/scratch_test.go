package scratch

import (
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"
)

func same[T, U any](a []T, b []U) bool {
	return unsafe.Pointer(unsafe.SliceData(a)) == unsafe.Pointer(unsafe.SliceData(b))
}

func TestAVolumeServesAnotherTypeOfItsSize(t *testing.T) {
	var p Pool
	a := Get[float64](&p, 1<<20) // 8 MiB
	Put(&p, a)
	b := Get[uint16](&p, 4<<20) // 8 MiB
	if len(b) != 4<<20 {
		t.Fatalf("len %d, want %d", len(b), 4<<20)
	}
	if !same(a, b) {
		t.Fatal("a uint16 request of 8 MiB did not get the float64 buffer of 8 MiB")
	}
}

func TestABandDoesNotPushOutAVolume(t *testing.T) {
	var p Pool
	vol := Get[uint8](&p, 16<<20)
	// A pass's band goes back when its worker is done, then the op's
	// volume: the next call's Get finds the band on top.
	band := Get[uint8](&p, 64<<10)
	if same(band, vol) {
		t.Fatal("a band's request took the volume's buffer")
	}
	Put(&p, band)
	Put(&p, vol)
	if v := Get[uint8](&p, 16<<20); !same(v, vol) {
		t.Fatal("the volume's buffer was lost to a band given back before it")
	}
}

// A buffer given back on one P serves a Get on the other: a sync.Pool
// keeps it in the giving P's private slot, which the other P's Get never
// searches (this test failed with one).
func TestABufferGivenBackOnOnePServesAnother(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one P")
	}
	if strings.Contains(os.Getenv("GODEBUG"), "asyncpreemptoff=1") {
		// the spin below would never stop for a collection
		t.Skip("no asynchronous preemption")
	}
	var p Pool
	for i := range 50 {
		b := Get[uint8](&p, 1<<20)
		var given atomic.Bool
		go func() {
			Put(&p, b)
			given.Store(true)
		}()
		for !given.Load() { // keep this P busy: the goroutine runs on the other
		}
		if c := Get[uint8](&p, 1<<20); !same(b, c) {
			t.Fatalf("round %d: a buffer given back on another P was not found", i)
		}
	}
}

// A buffer is kept through one collection and dropped after the second,
// as sync.Pool's are (an idle program does not keep the memory).
func TestBuffersGoAtTheSecondCollection(t *testing.T) {
	var p Pool
	b := Get[uint8](&p, 1<<20)
	collect(t) // a count still due from an earlier collection comes first
	Put(&p, b)
	collect(t)
	c := Get[uint8](&p, 1<<20)
	if !same(b, c) {
		t.Fatal("a buffer was dropped at the first collection")
	}
	Put(&p, c)
	collect(t)
	collect(t)
	if n := count(&p); n != 0 {
		t.Fatalf("%d buffers held after two collections", n)
	}
}

func TestDrainEmptiesEveryPool(t *testing.T) {
	var p, q Pool
	Put(&p, Get[uint8](&p, 1<<20))
	Put(&q, Get[float32](&q, 1<<18))
	Drain()
	if n := count(&p) + count(&q); n != 0 {
		t.Fatalf("%d buffers held after Drain", n)
	}
}

// count is the number of buffers p holds.
func count(p *Pool) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.n
}

// collect runs garbage collections until the pools' next sweep is done.
func collect(t *testing.T) {
	n := swept.Load()
	deadline := time.Now().Add(10 * time.Second)
	for swept.Load() == n {
		if time.Now().After(deadline) {
			t.Fatal("no sweep after 10 s of collections")
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
}

func TestGetNeverHandsOutTooSmallABuffer(t *testing.T) {
	var p Pool
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		n := 1000 + r.IntN(200000)
		b := Get[uint32](&p, n)
		if len(b) != n || cap(b) < n {
			t.Fatalf("Get(%d): len %d cap %d", n, len(b), cap(b))
		}
		b[n-1] = 1 // within the buffer, or the test crashes
		if r.IntN(2) == 0 {
			Put(&p, b[:r.IntN(n)]) // Put keys on the capacity, not the length
		} else {
			Put(&p, b)
		}
		// and through another element size, whose rounding trims it
		if c := Get[[3]uint32](&p, n/3); len(c) != n/3 {
			t.Fatalf("Get(%d) of 12-byte elements: len %d", n/3, len(c))
		} else {
			Put(&p, c)
		}
	}
}

func TestSmallAndInvalidRequests(t *testing.T) {
	var p Pool
	if b := Get[uint8](&p, 0); len(b) != 0 {
		t.Fatalf("Get(0): len %d", len(b))
	}
	small := Get[uint8](&p, 100)
	Put(&p, small)
	if len(small) != 100 {
		t.Fatalf("Get(100): len %d", len(small))
	}
	defer func() {
		if recover() == nil {
			t.Fatal("Get(-1) did not panic as make does")
		}
	}()
	Get[uint8](&p, -1)
}

// The classes by brute force: classOf(s) is the smallest class size that
// holds s, at most an eighth over it, and floorClass(b) the largest class
// whose size is at most b.
func TestClasses(t *testing.T) {
	size := map[int]uintptr{}
	for s := uintptr(9); s < 1<<16; s++ {
		c, r := classOf(s)
		if r < s || r > s+s/8+1 {
			t.Fatalf("classOf(%d) rounds to %d", s, r)
		}
		if old, ok := size[c]; ok && old != r {
			t.Fatalf("class %d has sizes %d and %d", c, old, r)
		}
		size[c] = r
	}
	var sizes []uintptr // the class sizes in order, with their classes
	var classes []int
	for c := 0; c < numClasses; c++ {
		if r, ok := size[c]; ok {
			if len(sizes) > 0 && r <= sizes[len(sizes)-1] {
				t.Fatalf("class %d size %d not above the last", c, r)
			}
			sizes, classes = append(sizes, r), append(classes, c)
		}
	}
	for b := uintptr(9); b < 1<<16-1<<12; b++ {
		want := -1
		for i, r := range sizes {
			if r <= b {
				want = classes[i]
			}
		}
		if got := floorClass(b); got != want {
			t.Fatalf("floorClass(%d) = %d, want %d", b, got, want)
		}
	}
	for _, s := range []uintptr{1 << 30, 1<<30 + 1, 3 << 33, 1<<47 - 5} {
		c, r := classOf(s)
		if r < s || r > s+s/8 || floorClass(r) != c || floorClass(r-1) >= c {
			t.Fatalf("classOf(%d) = %d, %d; floorClass back %d", s, c, r, floorClass(r))
		}
	}
}

// TestGrowKeepsItemsAndGivesBack: Grow leaves a slice with room alone,
// moves a full one's items into a buffer of twice its capacity (at least
// least), and gives the old buffer back to the pool, whose next Get of
// that size returns it.
func TestGrowKeepsItemsAndGivesBack(t *testing.T) {
	var p Pool
	s := Grow(&p, []int64(nil), 1000)
	if len(s) != 0 || cap(s) < 1000 {
		t.Fatalf("from nil: len %d cap %d, want 0 and at least 1000", len(s), cap(s))
	}
	for i := range 5000 {
		before := cap(s)
		s = append(Grow(&p, s, 1000), int64(i))
		if before > len(s)-1 && cap(s) != before {
			t.Fatalf("item %d: grew a slice that had room (cap %d -> %d)", i, before, cap(s))
		}
	}
	for i, v := range s {
		if v != int64(i) {
			t.Fatalf("item %d is %d after growing", i, v)
		}
	}
	old := s[:cap(s)]
	s = Grow(&p, old, 1000)
	if cap(s) < 2*cap(old) || &s[0] == &old[0] {
		t.Fatalf("a full slice of cap %d grew to cap %d, same array %v", cap(old), cap(s), &s[0] == &old[0])
	}
	if b := Get[int64](&p, cap(old)); &b[0] != &old[0] {
		t.Error("the outgrown array did not go back to the pool")
	}
}
