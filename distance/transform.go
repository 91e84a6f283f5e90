package distance

import (
	"fmt"
	"math"
	"runtime/debug"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// volume is the squared distance map of one volume (one channel and time
// point) while it is computed, one float64 per voxel in C order (x
// fastest), and with feature tracking the index (z*sy+y)*sx+x of each
// voxel's nearest zero, -1 for none yet.
type volume struct {
	sx, sy, sz int
	w          [3]float64 // squared sampling along x, y, z
	f          []float64
	feat       []int32
}

// parallel runs fn over [0, n) in chunks of at least grain; a panic in a
// worker comes back as an error.
func parallel(n, grain int, fn func(lo, hi int)) error {
	var mu sync.Mutex
	var first error
	par.For(n, grain, func(lo, hi int) {
		defer func() {
			if r := recover(); r != nil {
				mu.Lock()
				if first == nil {
					first = fmt.Errorf("distance: internal error: %v\n%s", r, debug.Stack())
				}
				mu.Unlock()
			}
		}()
		fn(lo, hi)
	})
	return first
}

type rowsArgs struct {
	v      *volume
	img    *gips.Image
	plane0 int // first plane of the volume
	invert bool
}

// rows is the first pass, along x: each voxel's distance to the nearest
// zero of its row (nonzero when invert), squared and scaled.
func rows[T gips.Pixel](a rowsArgs) error {
	planes, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	v := a.v
	return parallel(v.sy*v.sz, 16, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			src := planes[a.plane0+r/v.sy].Row(r % v.sy)
			f := v.f[r*v.sx : (r+1)*v.sx]
			var feat []int32
			if v.feat != nil {
				feat = v.feat[r*v.sx : (r+1)*v.sx]
			}
			rowDistance(src, f, feat, int32(r*v.sx), v.w[0], a.invert)
		}
	})
}

// rowDistance: forward then backward over the row, in pixels, then
// squared and scaled by w.
func rowDistance[T gips.Pixel](src []T, f []float64, feat []int32, base int32, w float64, invert bool) {
	n := len(src)
	last := -1 // the nearest zero to the left
	for x := 0; x < n; x++ {
		if (src[x] == 0) != invert {
			last = x
		}
		if last < 0 {
			f[x] = math.Inf(1)
		} else {
			f[x] = float64(x - last)
		}
		if feat != nil {
			feat[x] = int32(last)
		}
	}
	next := -1
	for x := n - 1; x >= 0; x-- {
		if (src[x] == 0) != invert {
			next = x
		}
		if next >= 0 && float64(next-x) < f[x] {
			f[x] = float64(next - x)
			if feat != nil {
				feat[x] = int32(next)
			}
		}
		f[x] = w * f[x] * f[x]
		if feat != nil && feat[x] >= 0 {
			feat[x] += base
		}
	}
}

// lines runs the 1D envelope along y (axis 1) or z (axis 2) of every line
// of the volume, in parallel over lines.
func (v *volume) lines(axis int) error {
	var n, stride, count int
	var base func(l int) int
	switch axis {
	case 1:
		n, stride, count = v.sy, v.sx, v.sx*v.sz
		base = func(l int) int { return (l/v.sx)*v.sx*v.sy + l%v.sx }
	default:
		n, stride, count = v.sz, v.sx*v.sy, v.sx*v.sy
		base = func(l int) int { return l }
	}
	if n == 1 {
		return nil
	}
	w := v.w[axis]
	return parallel(count, max(1, 4096/n), func(lo, hi int) {
		b := newLineBuf(n, v.feat != nil)
		var fo []int32
		if v.feat != nil {
			fo = make([]int32, n)
		}
		for l := lo; l < hi; l++ {
			i0 := base(l)
			for k, i := 0, i0; k < n; k, i = k+1, i+stride {
				b.f[k] = v.f[i]
				if fo != nil {
					b.feat[k] = v.feat[i]
				}
			}
			envelope(b.f, b.d, w, b.v, b.z, b.feat, fo)
			for k, i := 0, i0; k < n; k, i = k+1, i+stride {
				v.f[i] = b.d[k]
				if fo != nil {
					v.feat[i] = fo[k]
				}
			}
		}
	})
}

// squared computes the volume's squared distances (and features) from the
// volume of img that starts at plane plane0.
func (v *volume) squared(img *gips.Image, plane0 int, invert bool) error {
	err := gips.Dispatch(img.Type(), gips.AllKernels(rows[uint8], rows[int8], rows[uint16], rows[int16],
		rows[uint32], rows[int32], rows[float32], rows[float64]), rowsArgs{v, img, plane0, invert})
	if err != nil {
		return err
	}
	if err := v.lines(1); err != nil {
		return err
	}
	return v.lines(2)
}
