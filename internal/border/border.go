// Package border extends lines of pixels beyond an image's edge by a
// gips.BorderMode, for every family that reads neighbourhoods (filter,
// morpho, transform). The modes' meanings are documented on
// gips.BorderMode.
package border

import "github.com/gipsdev/gips"

// Index maps index i of a line of n pixels, possibly outside [0, n), to
// the index that mode m reads there; ok is false for Constant outside the
// line (the caller uses cval).
func Index(i, n int, m gips.BorderMode) (j int, ok bool) {
	if i >= 0 && i < n {
		return i, true
	}
	switch m {
	case gips.Nearest:
		return min(max(i, 0), n-1), true
	case gips.Wrap:
		return Mod(i, n), true
	case gips.Reflect:
		j = Mod(i, 2*n)
		if j >= n {
			j = 2*n - 1 - j
		}
		return j, true
	case gips.Mirror:
		if n == 1 {
			return 0, true
		}
		j = Mod(i, 2*n-2)
		if j >= n {
			j = 2*n - 2 - j
		}
		return j, true
	}
	return 0, false
}

// Mod is i modulo n in [0, n), for negative i too.
func Mod(i, n int) int {
	i %= n
	if i < 0 {
		i += n
	}
	return i
}

// Extend writes src converted to D into ext[before:before+len(src)] and
// fills the before pixels ahead of it and the rest of ext after it as mode
// m reads them (cval for Constant).
func Extend[D, S gips.Pixel](ext []D, src []S, before int, m gips.BorderMode, cval D) {
	n := len(src)
	mid := ext[before : before+n]
	for i, v := range src {
		mid[i] = D(v)
	}
	for k := range ext[:before] {
		ext[k] = at(mid, k-before, m, cval)
	}
	for k := before + n; k < len(ext); k++ {
		ext[k] = at(mid, k-before, m, cval)
	}
}

func at[D gips.Pixel](line []D, i int, m gips.BorderMode, cval D) D {
	if j, ok := Index(i, len(line), m); ok {
		return line[j]
	}
	return cval
}
