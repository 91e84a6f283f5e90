package morpho

import "math"

// Line is a 2D footprint of a straight segment of length pixels at angle
// degrees (counter-clockwise from +x, with y pointing up on the screen as
// rows go down): the pixels skimage.draw.line(r0, c0, r1, c1) draws
// between the ends (cy ∓ dy, cx ∓ dx), where dx = round(h·cos θ),
// dy = round(-h·sin θ), h = (length-1)/2 (rounded half away from zero),
// in a box of 2|dy|+1 rows of 2|dx|+1 pixels centred on the middle. An
// even length is one pixel shorter. length < 1 is an error at use.
func Line(length int, angle float64) SE {
	if length < 1 || length > 1<<12 || math.IsNaN(angle) || math.IsInf(angle, 0) {
		return bad("line of length %d at %v degrees: want a length of 1 to %d and a finite angle", length, angle, 1<<12)
	}
	h := float64(length-1) / 2
	th := angle * math.Pi / 180
	dx, dy := int(math.Round(h*math.Cos(th))), int(math.Round(-h*math.Sin(th)))
	sx, sy := 2*abs(dx)+1, 2*abs(dy)+1
	on := make([]bool, sx*sy)
	cx, cy := abs(dx), abs(dy)
	for _, p := range drawLine(cy-dy, cx-dx, cy+dy, cx+dx) {
		on[p[0]*sx+p[1]] = true
	}
	return SE{size: [3]int{sx, sy, 1}, on: on}
}

// drawLine is skimage.draw.line's Bresenham walk from (r0, c0) to
// (r1, c1), as (row, column) pairs.
func drawLine(r0, c0, r1, c1 int) [][2]int {
	r, c := r0, c0
	dr, dc := abs(r1-r0), abs(c1-c0)
	sc, sr := -1, -1
	if c1-c > 0 {
		sc = 1
	}
	if r1-r > 0 {
		sr = 1
	}
	steep := dr > dc
	if steep {
		c, r = r, c
		dc, dr = dr, dc
		sc, sr = sr, sc
	}
	out := make([][2]int, 0, dc+1)
	d := 2*dr - dc
	for range dc {
		if steep {
			out = append(out, [2]int{c, r})
		} else {
			out = append(out, [2]int{r, c})
		}
		for d >= 0 {
			r += sr
			d -= 2 * dc
		}
		c += sc
		d += 2 * dr
	}
	return append(out, [2]int{r1, c1})
}
