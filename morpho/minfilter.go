package morpho

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// The one kernel behind every grey and binary op: a flat minimum filter,
// or maximum filter (the same kernels with max for min), with the
// footprint reflected for a dilation.

// minFilter writes into dst the minimum of src over the footprint s
// (reflected when reflect is set) with border mode m and constant cval.
// dst and src are volumes of dims d and must not overlap. Boxes run
// separably (box.go), other footprints by their runs (lines.go).
func minFilter[T gips.Pixel](dst, src []T, d nbhd.Dims, s SE, reflect bool, m gips.BorderMode, cval T) error {
	return pass(bufView(dst, d), bufView(src, d), d, s, reflect, false, m, cval, nil)
}

// pass is one erosion or dilation of src into dst: the minimum (maximum
// when hi) over the footprint s, reflected when reflect is set, with post
// (when not nil) called on each output row once it is written.
func pass[T gips.Pixel](dst, src vview[T], d nbhd.Dims, s SE, reflect, hi bool, m gips.BorderMode, cval T, post func(y, z int, row []T)) error {
	if s.box {
		return boxFilter(dst, src, d, boxWindow(s, reflect, d), hi, m, cval, post)
	}
	return linesFilter(dst, src, d, makePlan(s, reflect, d, m), hi, m, cval, post)
}
