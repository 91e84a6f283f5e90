package measure

import "math"

// The Euler number and the Crofton perimeter are sums, over every 2x2
// (2D) or 2x2x2 (3D) window of the image padded by one pixel of
// background, of a value that depends only on which pixels of the window
// belong to the label: scikit-image's euler_number (connectivity = ndim)
// and perimeter_crofton (4 directions) on the label's mask, computed for
// every label in one pass (a window holds at most 4 or 8 labels).

// Bit of each window pixel, as scikit-image's configuration kernel (a
// convolution, hence flipped): 1 (y, x), 4 (y, x-1), 2 (y-1, x), 8 (y-1,
// x-1), and in 3D the plane z-1 with 16, 64, 32, 128.

var euler2d8 = [16]int64{0, 0, 0, 0, 0, 0, -1, 0, 1, 0, 0, 0, 0, 0, -1, 0}

var euler3d26 = [256]int64{0, 1, 1, 0, 1, 0, -2, -1, 1, -2, 0, -1, 0, -1, -1, 0, 1, 0, -2, -1, -2, -1, -1, -2, -6, -3, -3, -2, -3, -2, 0, -1, 1, -2, 0, -1, -6, -3, -3, -2, -2, -1, -1, -2, -3, 0, -2, -1, 0, -1, -1, 0, -3, -2, 0, -1, -3, 0, -2, -1, 0, 1, 1, 0, 1, -2, -6, -3, 0, -1, -3, -2, -2, -1, -3, 0, -1, -2, -2, -1, 0, -1, -3, -2, -1, 0, 0, -1, -3, 0, 0, 1, -2, -1, 1, 0, -2, -1, -3, 0, -3, 0, 0, 1, -1, 4, 0, 3, 0, 3, 1, 2, -1, -2, -2, -1, -2, -1, 1, 0, 0, 3, 1, 2, 1, 2, 2, 1, 1, -6, -2, -3, -2, -3, -1, 0, 0, -3, -1, -2, -1, -2, -2, -1, -2, -3, -1, 0, -1, 0, 4, 3, -3, 0, 0, 1, 0, 1, 3, 2, 0, -3, -1, -2, -3, 0, 0, 1, -1, 0, 0, -1, -2, 1, -1, 0, -1, -2, -2, -1, 0, 1, 3, 2, -2, 1, -1, 0, 1, 2, 2, 1, 0, -3, -3, 0, -1, -2, 0, 1, -1, 0, -2, 1, 0, -1, -1, 0, -1, -2, 0, 1, -2, -1, 3, 2, -2, 1, 1, 2, -1, 0, 2, 1, -1, 0, -2, 1, -2, 1, 1, 2, -2, 3, -1, 2, -1, 2, 0, 1, 0, -1, -1, 0, -1, 0, 2, 1, -1, 2, 0, 1, 0, 1, 1, 0}

var crofton4 = func() [16]float64 {
	s2 := math.Sqrt(2)
	return [16]float64{0, math.Pi / 4 * (1 + 1/s2), math.Pi / (4 * s2), math.Pi / (2 * s2), 0, math.Pi / 4 * (1 + 1/s2),
		0, math.Pi / (4 * s2), math.Pi / 4, math.Pi / 2, math.Pi / (4 * s2), math.Pi / (4 * s2), math.Pi / 4, math.Pi / 2, 0, 0}
}()

type winAcc struct {
	euler   int64
	crofton float64
	surface float64
}

func (r *results) euler(l int) float64 {
	if r.ndim == 2 {
		return float64(r.win[l].euler)
	}
	return float64(r.win[l].euler / 8) // int(0.125 * sum), truncated as scikit-image
}

// windows runs the window pass: windows are numbered by their last row
// (y in 0..h, z in 0..d), each slab of window rows accumulates its own
// sums, merged at the end.
func windows(li *labelImage, ix *index, area *[256]float64) ([]winAcc, error) {
	return windowsZ(li, ix, area, 0, li.d+1)
}

// windowsZ is the window pass over the windows whose last plane is z in
// [zlo, zhi) (a volume's; a 2D image has all its windows): a part of a
// volume counts the windows that straddle it and the part before once.
func windowsZ(li *labelImage, ix *index, area *[256]float64, zlo, zhi int) ([]winAcc, error) {
	nl := len(ix.labels)
	three := li.vol
	var nrows int
	if three {
		nrows = (zhi - zlo) * (li.h + 1)
	} else {
		nrows = li.h + 1
	}
	parts := make([][]winAcc, nSlabs(nrows))
	zero := make([]uint32, li.w)
	err := slabs(nrows, func(k, lo, hi int) error {
		acc := make([]winAcc, nl)
		parts[k] = acc
		bufs := make([][]uint32, 4)
		for i := range bufs {
			bufs[i] = make([]uint32, li.w)
		}
		get := func(z, y int, b []uint32) ([]uint32, error) {
			if z < 0 || z >= li.d || y < 0 || y >= li.h {
				return zero, nil
			}
			return li.row(z, y, b)
		}
		for r := lo; r < hi; r++ {
			z, y := 0, r
			if three {
				z, y = zlo+r/(li.h+1), r%(li.h+1)
			}
			a, err := get(z, y-1, bufs[0])
			if err != nil {
				return err
			}
			b, err := get(z, y, bufs[1])
			if err != nil {
				return err
			}
			if !three {
				window2(acc, ix, a, b)
				continue
			}
			c, err := get(z-1, y-1, bufs[2])
			if err != nil {
				return err
			}
			d, err := get(z-1, y, bufs[3])
			if err != nil {
				return err
			}
			window3(acc, ix, a, b, c, d, area)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := parts[0]
	for _, p := range parts[1:] {
		for i := range p {
			out[i].euler += p[i].euler
			out[i].crofton += p[i].crofton
			out[i].surface += p[i].surface
		}
	}
	return out, nil
}

// window2 adds the windows whose lower row is cur (upper row up), x from
// 0 to w (x-1 = -1 and x = w are the padding).
func window2(acc []winAcc, ix *index, up, cur []uint32) {
	w := len(cur)
	at := func(r []uint32, x int) uint32 {
		if x < 0 || x >= w {
			return 0
		}
		return r[x]
	}
	for x := 0; x <= w; x++ {
		v := [4]uint32{at(cur, x), at(up, x), at(cur, x-1), at(up, x-1)} // bits 1, 2, 4, 8
		if v[0] == v[1] && v[0] == v[2] && v[0] == v[3] {
			continue // one label fills the window (or none): both tables give 0 for 15 and 0
		}
		for i, l := range v {
			if l == 0 || seenBefore(v[:i], l) {
				continue
			}
			code := 0
			for j, m := range v {
				if m == l {
					code |= 1 << j
				}
			}
			k := ix.of(l)
			acc[k].euler += euler2d8[code]
			acc[k].crofton += crofton4[code]
		}
	}
}

// window3 adds the 2x2x2 windows whose last plane holds rows (up, cur)
// and whose first plane holds (pup, pcur).
func window3(acc []winAcc, ix *index, up, cur, pup, pcur []uint32, area *[256]float64) {
	w := len(cur)
	at := func(r []uint32, x int) uint32 {
		if x < 0 || x >= w {
			return 0
		}
		return r[x]
	}
	for x := 0; x <= w; x++ {
		// bits: 1 (z,y,x) 2 (z,y-1,x) 4 (z,y,x-1) 8 (z,y-1,x-1)
		// 16 (z-1,y,x) 32 (z-1,y-1,x) 64 (z-1,y,x-1) 128 (z-1,y-1,x-1)
		v := [8]uint32{at(cur, x), at(up, x), at(cur, x-1), at(up, x-1), at(pcur, x), at(pup, x), at(pcur, x-1), at(pup, x-1)}
		same := true
		for _, m := range v[1:] {
			same = same && m == v[0]
		}
		if same {
			continue // euler3d26[0] == euler3d26[255] == 0
		}
		for i, l := range v {
			if l == 0 || seenBefore(v[:i], l) {
				continue
			}
			code := 0
			for j, m := range v {
				if m == l {
					code |= 1 << j
				}
			}
			a := &acc[ix.of(l)]
			a.euler += euler3d26[code]
			if area != nil {
				a.surface += area[code]
			}
		}
	}
}

func seenBefore(v []uint32, l uint32) bool {
	for _, m := range v {
		if m == l {
			return true
		}
	}
	return false
}
