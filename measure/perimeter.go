package measure

import "math"

// perimeterWeights is scikit-image's perimeter(neighbourhood=4) table: a
// border pixel (a pixel of the label with a 4-neighbour outside it) scores
// 1 + 2 per border 4-neighbour + 10 per border diagonal neighbour of the
// same label, and the score maps to a length.
var perimeterWeights = func() [50]float64 {
	var w [50]float64
	for _, i := range []int{5, 7, 15, 17, 25, 27} {
		w[i] = 1
	}
	w[21], w[33] = math.Sqrt2, math.Sqrt2
	w[13], w[23] = (1+math.Sqrt2)/2, (1+math.Sqrt2)/2
	return w
}()

// perimeters is scikit-image's regionprops perimeter of every label of a
// 2D label image, in pixels: one pass over the rows, each row reading the
// two rows either side.
func perimeters(li *labelImage, ix *index) ([]float64, error) {
	nl := len(ix.labels)
	w, h := li.w, li.h
	parts := make([][]float64, nSlabs(h))
	err := slabs(h, func(k, lo, hi int) error {
		acc := make([]float64, nl)
		parts[k] = acc
		var rows [5][]uint32
		for i := range rows {
			rows[i] = make([]uint32, w)
		}
		var border [3][]bool
		for i := range border {
			border[i] = make([]bool, w)
		}
		zero := make([]uint32, w)
		var lab [5][]uint32
		for y := lo; y < hi; y++ {
			for i := range 5 {
				yy := y - 2 + i
				if yy < 0 || yy >= h {
					lab[i] = zero
					continue
				}
				r, err := li.row(0, yy, rows[i])
				if err != nil {
					return err
				}
				lab[i] = r
			}
			for i := range 3 { // border rows y-1, y, y+1
				up, cur, down := lab[i], lab[i+1], lab[i+2]
				b := border[i]
				for x := range w {
					l := cur[x]
					b[x] = l != 0 && (x == 0 || x == w-1 || cur[x-1] != l || cur[x+1] != l || up[x] != l || down[x] != l)
				}
			}
			cur := lab[2]
			for x := range w {
				if !border[1][x] {
					continue
				}
				l := cur[x]
				is := func(r, xx int) bool {
					return xx >= 0 && xx < w && border[r][xx] && lab[r+1][xx] == l
				}
				code := 1
				for _, n := range [4][2]int{{1, -1}, {1, 1}, {0, 0}, {2, 0}} {
					if is(n[0], x+n[1]) {
						code += 2
					}
				}
				for _, n := range [4][2]int{{0, -1}, {0, 1}, {2, -1}, {2, 1}} {
					if is(n[0], x+n[1]) {
						code += 10
					}
				}
				acc[ix.of(l)] += perimeterWeights[code]
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := parts[0]
	for _, p := range parts[1:] {
		for i := range p {
			out[i] += p[i]
		}
	}
	return out, nil
}
