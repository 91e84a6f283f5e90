package measure

import (
	"math"
	"math/bits"
)

// int128 is a two's-complement 128-bit integer, for n·Σab - Σa·Σb, which
// is exact where float64 would cancel.
type int128 struct{ hi, lo uint64 }

func mul128(a, b int64) int128 {
	neg := (a < 0) != (b < 0)
	ua, ub := uint64(a), uint64(b)
	if a < 0 {
		ua = -ua
	}
	if b < 0 {
		ub = -ub
	}
	hi, lo := bits.Mul64(ua, ub)
	r := int128{hi, lo}
	if neg {
		r = r.neg()
	}
	return r
}

func (a int128) neg() int128 {
	lo, c := bits.Add64(^a.lo, 1, 0)
	return int128{^a.hi + c, lo}
}

func (a int128) sub(b int128) int128 {
	lo, br := bits.Sub64(a.lo, b.lo, 0)
	hi, _ := bits.Sub64(a.hi, b.hi, br)
	return int128{hi, lo}
}

func (a int128) float() float64 {
	if int64(a.hi) < 0 {
		return -a.neg().float()
	}
	return float64(a.hi)*0x1p64 + float64(a.lo)
}

// covariance is the label's covariance matrix of the calibrated pixel
// coordinates (divided by n, as scikit-image's mu/mu0): xx, yy, zz, xy,
// xz, yz.
func (m *moments) covariance(sp [3]float64) [6]float64 {
	n := float64(m.n)
	pair := [6][2]int{{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}}
	var c [6]float64
	for k, p := range pair {
		num := mul128(m.n, m.ss[k]).sub(mul128(m.s[p[0]], m.s[p[1]])).float()
		c[k] = num / n / n * sp[p[0]] * sp[p[1]]
	}
	return c
}

// inertia is scikit-image's inertia tensor (regionprops inertia_tensor):
// T_aa is the sum of the other axes' second central moments, T_ab = -C_ab.
func inertia(c [6]float64, ndim int) [3][3]float64 {
	var t [3][3]float64
	if ndim == 2 {
		t[0][0], t[1][1] = c[1], c[0]
	} else {
		t[0][0], t[1][1], t[2][2] = c[1]+c[2], c[0]+c[2], c[0]+c[1]
	}
	t[0][1], t[0][2], t[1][2] = -c[3], -c[4], -c[5]
	t[1][0], t[2][0], t[2][1] = t[0][1], t[0][2], t[1][2]
	return t
}

// eigen2 are the eigenvalues of [[a, b], [b, c]], descending, clipped at 0.
func eigen2(a, b, c float64) (float64, float64) {
	m, d := (a+c)/2, math.Hypot((a-c)/2, b)
	l1, l2 := m+d, m-d
	if l1 > 0 && l2 > 0 {
		// the product is exact-ish where the difference cancels
		l2 = (a*c - b*b) / l1
	}
	return max(l1, 0), max(l2, 0)
}

// eigen3 are the eigenvalues of a symmetric 3x3 matrix, descending,
// clipped at 0 (as numpy.linalg.eigvalsh, then scikit-image's clip), by
// cyclic Jacobi rotations: accurate to a few ulps of the largest.
func eigen3(a [3][3]float64) [3]float64 {
	for range 50 {
		off := a[0][1]*a[0][1] + a[0][2]*a[0][2] + a[1][2]*a[1][2]
		if off == 0 {
			break
		}
		for _, pq := range [3][2]int{{0, 1}, {0, 2}, {1, 2}} {
			p, q := pq[0], pq[1]
			if a[p][q] == 0 {
				continue
			}
			theta := (a[q][q] - a[p][p]) / (2 * a[p][q])
			t := math.Copysign(1, theta) / (math.Abs(theta) + math.Sqrt(theta*theta+1))
			if math.IsInf(theta, 0) {
				t = 0
			}
			c := 1 / math.Sqrt(t*t+1)
			s := t * c
			for k := range 3 { // columns p, q
				akp, akq := a[k][p], a[k][q]
				a[k][p], a[k][q] = c*akp-s*akq, s*akp+c*akq
			}
			for k := range 3 { // rows p, q
				apk, aqk := a[p][k], a[q][k]
				a[p][k], a[q][k] = c*apk-s*aqk, s*apk+c*aqk
			}
			a[p][q], a[q][p] = 0, 0
		}
	}
	e := [3]float64{max(a[0][0], 0), max(a[1][1], 0), max(a[2][2], 0)}
	if e[0] < e[1] {
		e[0], e[1] = e[1], e[0]
	}
	if e[1] < e[2] {
		e[1], e[2] = e[2], e[1]
	}
	if e[0] < e[1] {
		e[0], e[1] = e[1], e[0]
	}
	return e
}
