package color

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// TestStreamCopyIsCopy: streamCopy of every length up to a few lines, at
// every element offset from a cache line, writes src's values into dst
// and nothing around it.
func TestStreamCopyIsCopy(t *testing.T) {
	t.Run("float32", streamCopyIsCopy[float32])
	t.Run("float64", streamCopyIsCopy[float64])
}

func streamCopyIsCopy[D float32 | float64](t *testing.T) {
	size := int(unsafe.Sizeof(D(0)))
	per := 64 / size
	for n := range 5*per + 3 {
		for off := range per {
			buf := make([]D, n+3*per)
			s := (per - int(uintptr(unsafe.Pointer(&buf[0]))%64)/size) % per // buf[s] starts a line
			src := make([]D, n)
			for i := range src {
				src[i] = D(i + 1)
			}
			for i := range buf {
				buf[i] = -1
			}
			lo := s + off
			streamCopy(buf[lo:lo+n], src)
			storeFence()
			for i, v := range buf {
				want := D(-1)
				if i >= lo && i < lo+n {
					want = src[i-lo]
				}
				if v != want {
					t.Fatalf("%d values at offset %d: element %d is %v, want %v", n, off, i-lo, v, want)
				}
			}
		}
	}
}

// TestStreamedIsDirect: with streaming forced (streamMin 0), the
// memory-bound conversions of uint8, float32 and float64 images, contiguous (the
// scratch blocks cut a band's run) and padded (a run a row), into float32
// and float64 outputs gives the bytes of the direct path, with the
// AVX-512 and the AVX2 loops, and in place.
func TestStreamedIsDirect(t *testing.T) {
	big := imgtest.Layout{Name: "big", Shape: []int{3, 61, 301}, Base: []int{3, 61, 301},
		View: func(a gips.Array) gips.Array { return a }, Geom: imgtest.Layouts[7].Geom}
	layouts := []imgtest.Layout{imgtest.Layouts[7], big} // rgb-padded, big
	convs := []*conversion{&toGrey, &fromHsv, &toYCbCr}
	defer func(m int) { streamMin, avx2Only = m, false }(streamMin)
	rng := rand.New(rand.NewPCG(41, 42))
	for _, l := range layouts {
		for _, in := range []gips.BufferType{gips.UInt8, gips.Real32, gips.Real64} {
			src, _ := imgtest.Make(in, l, rng)
			for _, out := range []gips.BufferType{gips.Real32, gips.Real64} {
				for _, c := range convs {
					for _, avx2 := range []bool{false, true} {
						name := fmt.Sprintf("%s %s %v->%v avx2 %v", l.Name, c.name, in, out, avx2)
						avx2Only = avx2
						streamMin = 1 << 62
						want := convertTo(t, c, src, out, name)
						streamMin = 0
						got := convertTo(t, c, src, out, name)
						if !bytes.Equal(allBytes(got), allBytes(want)) {
							t.Fatalf("%s: streamed output differs", name)
						}
						if in == out && c.one == nil {
							inPlace, err := gips.Copy(src)
							if err != nil {
								t.Fatal(err)
							}
							if err := c.into(inPlace, inPlace); err != nil {
								t.Fatalf("%s in place: %v", name, err)
							}
							if !bytes.Equal(allBytes(inPlace), allBytes(want)) {
								t.Fatalf("%s: streamed in place differs", name)
							}
						}
					}
				}
			}
		}
	}
}

// convertTo is c of src into a new image of type out.
func convertTo(t *testing.T, c *conversion, src *gips.Image, out gips.BufferType, name string) *gips.Image {
	t.Helper()
	g, err := c.geometry(src.Geometry(), out)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	dst, err := gips.CreateImage(g)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := c.into(dst, src); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return dst
}

// allBytes is every row's bytes of img, plane after plane.
func allBytes(img *gips.Image) []byte {
	var b []byte
	g := img.Geometry()
	for p := range g.Planes() {
		for y := range g.SizeY {
			b = append(b, img.Row(p, y)...)
		}
	}
	return b
}
