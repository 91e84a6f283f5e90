package distance

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
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
	// out, when set, takes the square roots of the last pass directly
	// (rather than v.f, and a pass of its own): the output row (z, y) of
	// the volume, one of the two slices set.
	out func(z, y int) ([]float32, []float64)
}

// parallel runs fn over [0, n) in chunks of at least grain; a panic in a
// worker comes back as an error.
func parallel(n, grain int, fn func(lo, hi int)) error {
	if err := par.Try(n, grain, fn); err != nil {
		return fmt.Errorf("distance: %w", err)
	}
	return nil
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
		var near []int64
		if v.feat == nil { // from the pool: rowDistanceScan writes it first
			near = scratch.Get[int64](&pool, v.sx)
			defer scratch.Put(&pool, near)
		}
		for r := lo; r < hi; r++ {
			src := planes[a.plane0+r/v.sy].Row(r % v.sy)
			f := v.f[r*v.sx : (r+1)*v.sx]
			if near != nil {
				rowDistanceScan(src, f, near, v.w[0], a.invert)
				continue
			}
			var feat []int32
			if v.feat != nil {
				feat = v.feat[r*v.sx : (r+1)*v.sx]
			}
			rowDistance(src, f, feat, int32(r*v.sx), v.w[0], a.invert)
		}
	})
}

// rowDistance: each pixel's distance to the nearest zero of its row
// (nonzero when invert), squared and scaled by w: one pass that finds the
// zeros and fills each gap between two of them from both ends (a pixel
// half way takes the left zero, as a scan from the left would).
func rowDistance[T gips.Pixel](src []T, f []float64, feat []int32, base int32, w float64, invert bool) {
	n := len(src)
	last := -1
	for x := 0; x <= n; x++ {
		if x < n && (src[x] == 0) == invert {
			continue
		}
		// The gap (last, x): zeros at last (if >= 0) and x (if < n).
		mid := x - 1 // pixels up to mid take the left zero
		if x < n {
			mid = (last + x) / 2
			if last < 0 {
				mid = -1
			}
		}
		if last < 0 && x == n {
			for k := range f {
				f[k] = math.Inf(1)
			}
			if feat != nil {
				for k := range feat {
					feat[k] = -1
				}
			}
			return
		}
		for k := last + 1; k <= mid; k++ {
			d := float64(k - last)
			f[k] = w * d * d
		}
		for k := max(mid+1, last+1); k < x; k++ {
			d := float64(x - k)
			f[k] = w * d * d
		}
		if feat != nil {
			for k := last + 1; k <= mid; k++ {
				feat[k] = base + int32(last)
			}
			for k := max(mid+1, last+1); k < x; k++ {
				feat[k] = base + int32(x)
			}
		}
		if x < n {
			f[x] = 0
			if feat != nil {
				feat[x] = base + int32(x)
			}
		}
		last = x
	}
}

// rowDistanceScan is rowDistance without features: the distance to the
// nearest zero on the left in a forward scan, then the smaller of it and
// the one on the right in a backward scan, with no branch on the pixels
// (blob edges are ragged: a branch per pixel mispredicts about half the
// time). near is scratch of the row's length.
func rowDistanceScan[T gips.Pixel](src []T, f []float64, near []int64, w float64, invert bool) {
	n := len(src)
	const far = 1 << 62 // no zero seen yet
	d := int64(far)
	near = near[:n]
	for x, p := range src {
		d++
		if (p == 0) != invert {
			d = 0
		}
		near[x] = d
	}
	if d >= far {
		for x := range f {
			f[x] = math.Inf(1)
		}
		return
	}
	f = f[:n]
	d = far
	for x := n - 1; x >= 0; x-- {
		d = min(d+1, near[x])
		k := float64(d)
		f[x] = w * k * k
	}
}

// block is how many neighbouring lines a worker transforms together with
// feature tracking: their samples at one position share a cache line, so
// gathering and scattering them walks memory a line of 64 bytes at a time
// rather than a sample.
const block = 8

// lines runs the 1D transform along y (axis 1) or z (axis 2) of every
// line of the volume, in parallel over blocks of lines next to each other
// along x: without features by brute force (laneLines), with them by the
// envelope.
func (v *volume) lines(axis int) error {
	n, stride, outer := v.lineGeometry(axis)
	if n == 1 {
		return nil
	}
	if v.feat == nil {
		return v.laneLines(axis)
	}
	nb := (v.sx + block - 1) / block
	w := v.w[axis]
	return parallel(outer*nb, max(1, 512/n), func(lo, hi int) {
		var bufs [block]*lineBuf
		// From the pool (see getLineBuf): every line fills f and feat, and
		// envelope writes fo in full.
		for c := range bufs {
			bufs[c] = getLineBuf(n, true)
			defer bufs[c].release()
		}
		fo := scratch.Get[int32](&pool, n)
		defer scratch.Put(&pool, fo)
		for l := lo; l < hi; l++ {
			x0 := (l % nb) * block
			i0 := v.lineStart(axis, l/nb, x0)
			m := min(block, v.sx-x0)
			for k, i := 0, i0; k < n; k, i = k+1, i+stride {
				for c := range m {
					bufs[c].f[k] = v.f[i+c]
					bufs[c].feat[k] = v.feat[i+c]
				}
			}
			for c := range m {
				b := bufs[c]
				envelope(b.f, b.d, w, b.v, b.z, b.feat, fo)
				copy(b.feat, fo)
			}
			for k, i := 0, i0; k < n; k, i = k+1, i+stride {
				for c := range m {
					v.f[i+c] = bufs[c].d[k]
					v.feat[i+c] = bufs[c].feat[k]
				}
			}
		}
	})
}

// lineGeometry is the lines along y (axis 1) or z (axis 2): their length,
// the step between their samples, and how many rows of lines (next to
// each other along x) there are: one per plane along y, one per row of
// the first plane along z.
func (v *volume) lineGeometry(axis int) (n, stride, outer int) {
	if axis == 1 {
		return v.sy, v.sx, v.sz
	}
	return v.sz, v.sx * v.sy, v.sy
}

// lineStart is the index of the first sample of the line at x in row o of
// lines (see lineGeometry).
func (v *volume) lineStart(axis, o, x int) int {
	if axis == 1 {
		return o*v.sx*v.sy + x
	}
	return o*v.sx + x
}

// squared computes the volume's squared distances (and features) from the
// volume of img that starts at plane plane0. Without features the last
// pass writes v.out when it is set (see fused).
func (v *volume) squared(img *gips.Image, plane0 int, invert bool) error {
	if err := v.planar(img, plane0, invert, v.fused() && v.sz == 1); err != nil {
		return err
	}
	return v.lines(2)
}

// fused says whether squared's last pass writes v.out (so that no store
// pass is needed).
func (v *volume) fused() bool { return v.out != nil && v.feat == nil }
