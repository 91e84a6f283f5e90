package scratch

import (
	"math/rand/v2"
	"testing"
	"unsafe"
)

// sync.Pool drops a quarter of its Puts at random under the race
// detector, so a test that expects a buffer back offers it a few times.
const offers = 30

func same[T, U any](a []T, b []U) bool {
	return unsafe.Pointer(unsafe.SliceData(a)) == unsafe.Pointer(unsafe.SliceData(b))
}

func TestAVolumeServesAnotherTypeOfItsSize(t *testing.T) {
	var p Pool
	a := Get[float64](&p, 1<<20) // 8 MiB
	for i := 0; i < offers; i++ {
		Put(&p, a)
		b := Get[uint16](&p, 4<<20) // 8 MiB
		if len(b) != 4<<20 {
			t.Fatalf("len %d, want %d", len(b), 4<<20)
		}
		if same(a, b) {
			return
		}
	}
	t.Fatal("a uint16 request of 8 MiB never got the float64 buffer of 8 MiB")
}

func TestABandDoesNotPushOutAVolume(t *testing.T) {
	var p Pool
	vol := Get[uint8](&p, 16<<20)
	for i := 0; i < offers; i++ {
		// A pass's band goes back when its worker is done, then the
		// op's volume: the next call's Get finds the band on top.
		band := Get[uint8](&p, 64<<10)
		if same(band, vol) {
			t.Fatal("a band's request took the volume's buffer")
		}
		Put(&p, band)
		Put(&p, vol)
		if v := Get[uint8](&p, 16<<20); same(v, vol) {
			return
		}
	}
	t.Fatal("the volume's buffer was lost to a band given back before it")
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
