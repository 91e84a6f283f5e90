package filter

import "github.com/gipsdev/gips"

// inside maps index i of a line of n pixels, possibly outside [0, n), to
// the index that mode m reads there; ok is false for Constant outside.
func inside(i, n int, m Mode) (j int, ok bool) {
	if i >= 0 && i < n {
		return i, true
	}
	switch m {
	case Nearest:
		return min(max(i, 0), n-1), true
	case Wrap:
		return mod(i, n), true
	case Reflect:
		j = mod(i, 2*n)
		if j >= n {
			j = 2*n - 1 - j
		}
		return j, true
	case Mirror:
		if n == 1 {
			return 0, true
		}
		j = mod(i, 2*n-2)
		if j >= n {
			j = 2*n - 2 - j
		}
		return j, true
	}
	return 0, false
}

func mod(i, n int) int {
	i %= n
	if i < 0 {
		i += n
	}
	return i
}

// extendLine writes src into ext[before:before+len(src)] converted to A
// (for a Binary source, binary, any non-zero value as 1) and fills the
// before and after pixels on either side by mode m.
func extendLine[S gips.Pixel, A accum](ext []A, src []S, before int, m Mode, cval A, binary bool) {
	n := len(src)
	mid := ext[before : before+n]
	if binary {
		for i, v := range src {
			mid[i] = 0
			if v != 0 {
				mid[i] = 1
			}
		}
	} else {
		for i, v := range src {
			mid[i] = A(v)
		}
	}
	for k := range ext[:before] {
		ext[k] = pick(mid, k-before, m, cval)
	}
	for k := before + n; k < len(ext); k++ {
		ext[k] = pick(mid, k-before, m, cval)
	}
}

func pick[A accum](line []A, i int, m Mode, cval A) A {
	if j, ok := inside(i, len(line), m); ok {
		return line[j]
	}
	return cval
}
