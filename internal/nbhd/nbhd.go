// Package nbhd holds what the neighbourhood families (morpho, and the rank
// filters of filter) share: an image's volumes copied into contiguous
// buffers and back, rows extended along x by a border mode and read with
// y and z beyond the border, order-reversing flips (a max as a min), and a
// parallel loop that turns a worker's panic into an error.
//
// A volume is one channel at one time point: SizeZ planes of SizeY rows of
// SizeX pixels. Volume v is channel v % SizeC at time v / SizeC, so its
// planes are v*SizeZ ... v*SizeZ+SizeZ-1 in gips.Geometry.PlaneIndex order.
package nbhd

import (
	"fmt"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// Dims are a volume's sizes along x, y and z.
type Dims struct{ NX, NY, NZ int }

// Len is the number of pixels.
func (d Dims) Len() int { return d.NX * d.NY * d.NZ }

// DimsOf is the volume size of g.
func DimsOf(g gips.Geometry) Dims { return Dims{g.SizeX, g.SizeY, g.SizeZ} }

// Volumes is the number of volumes of g (channels times time points).
func Volumes(g gips.Geometry) int { return g.SizeC * g.SizeT }

// Gather copies volume v of the planes ps (of an image of geometry g) into
// dst, x fastest, then y, then z.
func Gather[T gips.Pixel](dst []T, ps []gips.Plane[T], g gips.Geometry, v int) {
	nx, ny := g.SizeX, g.SizeY
	for z := range g.SizeZ {
		p := ps[v*g.SizeZ+z]
		for y := range ny {
			copy(dst[(z*ny+y)*nx:(z*ny+y+1)*nx], p.Row(y))
		}
	}
}

// Scatter is the reverse of Gather: it writes src into volume v of ps.
func Scatter[T gips.Pixel](ps []gips.Plane[T], g gips.Geometry, v int, src []T) {
	nx, ny := g.SizeX, g.SizeY
	for z := range g.SizeZ {
		p := ps[v*g.SizeZ+z]
		for y := range ny {
			copy(p.Row(y), src[(z*ny+y)*nx:(z*ny+y+1)*nx])
		}
	}
}

// Parallel is par.For for kernels: a panic in any worker comes back as an
// error (the first one) instead of killing the process.
func Parallel(n, grain int, fn func(lo, hi int)) (err error) {
	var once sync.Once
	par.For(n, grain, func(lo, hi int) {
		defer func() {
			if r := recover(); r != nil {
				once.Do(func() { err = fmt.Errorf("internal error in a worker: %v", r) })
			}
		}()
		fn(lo, hi)
	})
	return err
}

// Grain is the number of rows of nx pixels that make a worthwhile task.
func Grain(nx int) int { return par.Grain(nx * 4) }

// Flip reverses the order of the values of s in place, so that a minimum
// computes a maximum: ^v for integers (0 <-> max for unsigned, v <-> -1-v
// for signed), -v for floats. Flipping twice gives the values back bit for
// bit.
func Flip[T gips.Pixel](s []T) {
	switch v := any(s).(type) {
	case []uint8:
		flipInt(v)
	case []int8:
		flipInt(v)
	case []uint16:
		flipInt(v)
	case []int16:
		flipInt(v)
	case []uint32:
		flipInt(v)
	case []int32:
		flipInt(v)
	case []float32:
		for i := range v {
			v[i] = -v[i]
		}
	case []float64:
		for i := range v {
			v[i] = -v[i]
		}
	}
}

func flipInt[T ~uint8 | ~int8 | ~uint16 | ~int16 | ~uint32 | ~int32](s []T) {
	for i := range s {
		s[i] = ^s[i]
	}
}

// FlipValue is Flip for one value.
func FlipValue[T gips.Pixel](v T) T {
	s := []T{v}
	Flip(s)
	return s[0]
}

// Cval converts a border constant to T as scipy's filters end up using it:
// truncated toward zero (scipy computes with the double and casts the
// result, which for a minimum, maximum or rank is the same as truncating
// first), then clamped to T's range; floats convert directly.
func Cval[T gips.Pixel](c float64) T {
	t := gips.TypeOf[T]()
	if t.IsFloat() {
		return T(c)
	}
	if c != c {
		return 0
	}
	lo, hi := t.Range()
	c = min(max(c, lo), hi)
	return T(c) // Go's conversion truncates toward zero
}
