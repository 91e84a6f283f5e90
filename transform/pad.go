package transform

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
)

// PadMode is a numpy.pad mode.
type PadMode uint8

const (
	PadConstant   PadMode = iota // cval (numpy's default)
	PadEdge                      // the edge pixel repeated (scipy's nearest)
	PadReflect                   // mirrored about the edge pixel, which is not repeated (scipy's mirror)
	PadSymmetric                 // mirrored with the edge pixel repeated (scipy's reflect)
	PadWrap                      // periodic
	PadMaximum                   // the largest input pixel of the line (see PadStatLength)
	PadMean                      // their mean, rounded half to even for an integer type
	PadMedian                    // their median, as PadMean for an integer type
	PadMinimum                   // the smallest
	PadLinearRamp                // a ramp from PadEndValue to the edge pixel, floored for an integer type
	PadEmpty                     // undefined in numpy; zero here
)

var padNames = [...]string{PadConstant: "constant", PadEdge: "edge", PadReflect: "reflect", PadSymmetric: "symmetric", PadWrap: "wrap",
	PadMaximum: "maximum", PadMean: "mean", PadMedian: "median", PadMinimum: "minimum", PadLinearRamp: "linear_ramp", PadEmpty: "empty"}

// PadModeNames lists the modes as ParsePadMode reads them, the default first.
var PadModeNames = padNames[:]

// BorderPadModeNames are the modes that extend an image by its own pixels
// or a constant, the ones a border of an interpolation can use (Resize).
var BorderPadModeNames = padNames[:PadWrap+1]

func (m PadMode) String() string {
	if int(m) < len(padNames) {
		return padNames[m]
	}
	return fmt.Sprintf("PadMode(%d)", uint8(m))
}

// ParsePadMode reads a numpy.pad mode name.
func ParsePadMode(s string) (PadMode, error) {
	for i, n := range padNames {
		if n == s {
			return PadMode(i), nil
		}
	}
	return 0, fmt.Errorf("pad mode %q: want one of %q: %w", s, padNames, ErrParam)
}

// borderMode is the filters' name for the same extension.
func (m PadMode) borderMode() gips.BorderMode {
	return [...]gips.BorderMode{PadConstant: gips.Constant, PadEdge: gips.Nearest, PadReflect: gips.Mirror,
		PadSymmetric: gips.Reflect, PadWrap: gips.Wrap}[m]
}

// PadGeometry is the geometry Pad gives: before[a] + size + after[a] along
// x, y and z (z only for a volume).
func PadGeometry(g gips.Geometry, before, after [3]int) (gips.Geometry, error) {
	if !g.Volume {
		before[2], after[2] = 0, 0
	}
	n := [3]int{g.SizeX, g.SizeY, g.SizeZ}
	for a := range 3 {
		if before[a] < 0 || after[a] < 0 || before[a] > maxZoomSide || after[a] > maxZoomSide {
			return g, fmt.Errorf("pad: widths %d and %d along %c: want 0 to %d: %w", before[a], after[a], "xyz"[a], maxZoomSide, ErrParam)
		}
		n[a] += before[a] + after[a]
	}
	in := g
	g.SizeX, g.SizeY, g.SizeZ = n[0], n[1], n[2]
	return g, checkGrowth("pad", fmt.Sprintf("widths %v and %v", before, after), in, g)
}

// Pad is numpy.pad (every mode of numpy 1.24; opts set stat_length and
// end_values): img widened by before[a] pixels ahead and after[a]
// behind along x, y and z (channels and time points are not padded), the
// new pixels filled as mode says. A copy, of img's type; cval is converted
// as gips.Saturate does (rounded half away from zero and clamped for
// integer types). Widths past the image's size repeat the pattern, as
// numpy's do.
func Pad(img *gips.Image, before, after [3]int, mode PadMode, cval float64, opts ...PadOption) (*gips.Image, error) {
	g, err := PadGeometry(img.Geometry(), before, after)
	if err != nil {
		return nil, err
	}
	out, err := gips.CreateImage(g)
	if err != nil {
		return nil, fmt.Errorf("pad: %w", err)
	}
	out.SetCalibration(img.Calibration())
	return out, PadInto(out, img, before, mode, cval, opts...)
}

// PadInto pads src into dst, whose sizes give the widths behind; before
// gives those ahead.
func PadInto(dst, src *gips.Image, before [3]int, mode PadMode, cval float64, opts ...PadOption) error {
	if mode > PadEmpty {
		return fmt.Errorf("pad: %v: %w", mode, ErrParam)
	}
	gs, gd := src.Geometry(), dst.Geometry()
	if !gs.Volume {
		before[2] = 0
	}
	if gs.Type.Storage() != gd.Type.Storage() || gs.SizeC != gd.SizeC || gs.SizeT != gd.SizeT ||
		before[0] < 0 || before[1] < 0 || before[2] < 0 ||
		gd.SizeX < gs.SizeX+before[0] || gd.SizeY < gs.SizeY+before[1] || gd.SizeZ < gs.SizeZ+before[2] {
		return fmt.Errorf("pad: output %v cannot hold input %v padded by %v ahead: %w", gd, gs, before, gips.ErrShape)
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("pad: output: %w", err)
	}
	if overlaps(dst, src) {
		return fmt.Errorf("pad: output shares memory with the input: %w", ErrParam)
	}
	var cfg padConfig
	for _, o := range opts {
		o(&cfg)
	}
	for ax, l := range cfg.length {
		if l < 0 {
			return fmt.Errorf("pad: stat length %d along %c: want 0 (the whole axis) or more: %w", l, "xyz"[ax], ErrParam)
		}
	}
	if math.IsNaN(cfg.end) || math.IsInf(cfg.end, 0) {
		return fmt.Errorf("pad: end value %v: want a finite number: %w", cfg.end, ErrParam)
	}
	a := padArgs{dst: dst, src: src, before: before, mode: gips.Constant, cval: cval, stat: mode, cfg: cfg}
	if mode <= PadWrap {
		a.mode = mode.borderMode()
	} else {
		a.cval = 0 // the centre first, then the statistics over it
	}
	err := gips.Dispatch(gs.Type, gips.AllKernels(pad[uint8], pad[int8], pad[uint16], pad[int16],
		pad[uint32], pad[int32], pad[float32], pad[float64]), a)
	if err != nil || mode <= PadWrap || mode == PadEmpty {
		return err
	}
	return gips.Dispatch(gs.Type, gips.AllKernels(padStat[uint8], padStat[int8], padStat[uint16], padStat[int16],
		padStat[uint32], padStat[int32], padStat[float32], padStat[float64]), a)
}

type padArgs struct {
	dst, src *gips.Image
	before   [3]int
	mode     gips.BorderMode
	cval     float64
	stat     PadMode // a statistic or ramp mode: padStat's
	cfg      padConfig
}

func pad[T gips.Pixel](a padArgs) error {
	sp, err := gips.Planes[T](a.src)
	if err != nil {
		return err
	}
	dp, err := gips.WritablePlanes[T](a.dst)
	if err != nil {
		return err
	}
	gs, gd := a.src.Geometry(), a.dst.Geometry()
	cv := gips.Saturate[T](a.cval)
	// at is the input index that output index k reads along an axis of n
	// input pixels with before added ahead, -1 for cval (a Constant
	// border: cols is then all -1 and unused).
	at := func(k, n, before int) int {
		j, ok := border.Index(k-before, n, a.mode)
		if !ok {
			return -1
		}
		return j
	}
	// Output columns [b, e) are the input row itself: copied at memmove
	// speed; only the border columns go through an index (a table of
	// their input columns, not one of the whole row: its allocation and
	// fill cost as much as the gathers).
	b, e := a.before[0], a.before[0]+gs.SizeX
	cols := make([]int, 0, b+gd.SizeX-e)
	for k := range gd.SizeX {
		if k < b || k >= e {
			cols = append(cols, at(k, gs.SizeX, b))
		}
	}
	left, right := cols[:b], cols[b:]
	return bands(gd.Planes(), gd.SizeY, gd.SizeX*4, func(i, y0, y1 int) {
		z, c, t := gd.PlaneCoords(i)
		sz := at(z, gs.SizeZ, a.before[2])
		for y := y0; y < y1; y++ {
			row := dp[i].Row(y)
			sy := at(y, gs.SizeY, a.before[1])
			if sz < 0 || sy < 0 {
				fill(row, cv)
				continue
			}
			src := sp[gs.PlaneIndex(sz, c, t)].Row(sy)
			copy(row[b:e], src)
			if a.mode == gips.Constant {
				fill(row[:b], cv)
				fill(row[e:], cv)
			} else {
				gather(row[:b], src, left)
				gather(row[e:], src, right)
			}
		}
	})
}

// gather sets d[x] = src[idx[x]].
func gather[T gips.Pixel](d, src []T, idx []int) {
	d = d[:len(idx)]
	for x, j := range idx {
		d[x] = src[j]
	}
}

// fill sets every pixel of d to v: one pixel, then copies of what is
// already set, doubling (memmove speed for a whole row of cval).
func fill[T gips.Pixel](d []T, v T) {
	if len(d) == 0 {
		return
	}
	d[0] = v
	for k := 1; k < len(d); k *= 2 {
		copy(d[k:], d[:k])
	}
}
