package filter

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
)

// inside maps index i of a line of n pixels to the index mode m reads.
func inside(i, n int, m Mode) (int, bool) { return border.Index(i, n, m) }

func mod(i, n int) int { return border.Mod(i, n) }

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
