package imageio

import "sort"

// span is the byte range [lo, hi) of a file.
type span struct{ lo, hi uint64 }

// spans is a set of byte ranges; overlap answers in O(log n) once sorted.
type spans struct {
	s      []span
	sorted bool
}

func (s *spans) add(lo, hi uint64) {
	if hi > lo {
		s.s = append(s.s, span{lo, hi})
		s.sorted = false
	}
}

// overlap returns a range of the set that meets [lo, hi), if any.
func (s *spans) overlap(lo, hi uint64) (span, bool) {
	if hi <= lo || len(s.s) == 0 {
		return span{}, false
	}
	if !s.sorted {
		// Sort by start and merge, so that the ranges are disjoint and
		// their ends increase too.
		sort.Slice(s.s, func(i, j int) bool { return s.s[i].lo < s.s[j].lo })
		m := s.s[:1]
		for _, r := range s.s[1:] {
			if last := &m[len(m)-1]; r.lo <= last.hi {
				last.hi = max(last.hi, r.hi)
			} else {
				m = append(m, r)
			}
		}
		s.s, s.sorted = m, true
	}
	// The first range ending after lo is the only candidate.
	i := sort.Search(len(s.s), func(i int) bool { return s.s[i].hi > lo })
	if i < len(s.s) && s.s[i].lo < hi {
		return s.s[i], true
	}
	return span{}, false
}
