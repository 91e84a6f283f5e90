package filter

// symSchedule is the order in which symmetric sums a pixel's taps, which
// its vector twin (symVec) must follow to round alike: with first (a
// radius of 4 or more) the centre and taps 1-4 make one partial sum that
// is added to 0 (axpy9 into a cleared row), else the centre product alone
// is the start (scale); then groups[:n] are the sizes of the next partial
// sums (4, then one 2 and one 1 at most), each summed left to right and
// then added to the pixel.
type symSchedule struct {
	first  bool
	n      int
	groups [symGroups]uint8 // bytes: symVec copies the schedule per call
}

// symGroups bounds the groups of a schedule symVec runs: a radius of up to
// 4·(symGroups-2)+4 (wider kernels run symmetric's Go loops).
const symGroups = 64

func newSymSchedule(r int) (symSchedule, bool) {
	var s symSchedule
	j := 1
	if r >= 4 {
		s.first, j = true, 5
	}
	for _, g := range [3]uint8{4, 2, 1} {
		for ; j+int(g)-1 <= r; j += int(g) {
			if s.n == symGroups {
				return s, false
			}
			s.groups[s.n] = g
			s.n++
		}
	}
	return s, true
}

// symFloat32 runs symVec when A is float32 and returns the leading pixels
// it set (none in the pure-Go build: symVec is then a stub).
func symFloat32[A accum](out, w []A, src func(j int) []A) int {
	o, ok := any(out).([]float32)
	if !ok || vecOff {
		return 0
	}
	return symVec(o, any(w).([]float32), any(src).(func(int) []float32))
}

// vecOff, set by tests, leaves symmetric and convertRow to their Go
// loops: the twin tests compare whole filters run both ways.
var vecOff bool
