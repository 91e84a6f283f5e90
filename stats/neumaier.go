package stats

import "math"

// neumaier is a compensated float64 sum (Kahan-Babuška-Neumaier): its error
// does not grow with the number of terms, unlike a plain running sum.
type neumaier struct{ s, c float64 }

func (k *neumaier) add(v float64) {
	t := k.s + v
	if math.Abs(k.s) >= math.Abs(v) {
		k.c += (k.s - t) + v
	} else {
		k.c += (v - t) + k.s
	}
	k.s = t
}

func (k neumaier) value() float64 { return k.s + k.c }
