package filter

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/morpho"
	"github.com/gipsdev/gips/ops"
)

// The rank filters' ops: scipy.ndimage's median_filter, rank_filter and
// percentile_filter, with the neighbourhood parameters of package morpho
// (size, a box; or footprint, an array).

func init() {
	rankRun := func(in []*gips.Image, out *gips.Image, p ops.Values, into func(dst, src *gips.Image, se morpho.SE, opts ...Option) error) (ops.Result, error) {
		se, err := morpho.FootprintOf(p, in[0].Geometry())
		if err != nil {
			return ops.Result{}, err
		}
		opts, err := options(p)
		if err != nil {
			return ops.Result{}, err
		}
		return ops.ImageResult(out), into(out, in[0], se, opts...)
	}
	halo := func(in []gips.Geometry, p ops.Values) [3]int { return morpho.FootprintHalo(in[0], p, 1) }
	ops.Register(&ops.Op{
		Name: "filter.median",
		Doc: "Median filter, scipy.ndimage.median_filter: the value of rank n//2 among the n pixels of the footprint (or size box) centred on each pixel (centre size//2; the upper median for even n). " +
			"Output the input's type. 3x3 by a sorting network, other footprints by selection. 2D planes or volumes, channels and time points alone. " +
			"Border: mode and cval as scipy (cval truncated toward zero and clamped to the type).",
		Inputs:  []ops.Input{{Name: "image", Types: ops.Numeric}},
		Params:  append(morpho.FootprintParams(), ops.ModeParams()...),
		Output:  ops.SameAsFirst,
		Halo:    halo,
		InPlace: true,
		Local:   true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			return rankRun(in, out, p, MedianInto)
		},
	})
	ops.Register(&ops.Op{
		Name: "filter.rank",
		Doc: "Rank filter, scipy.ndimage.rank_filter and percentile_filter: the value of the given rank (0 the smallest, negative from the largest) " +
			"or percentile (rank int(n*p/100), n-1 at 100) among the n pixels of the footprint (or size box). Give rank or percentile. " +
			"Output the input's type. 2D planes or volumes, channels and time points alone. Border: mode and cval as scipy.",
		Inputs: []ops.Input{{Name: "image", Types: ops.Numeric}},
		Params: append(append([]ops.Param{
			{Name: "rank", Doc: "the rank, 0 the smallest, -1 the largest", Kind: ops.Int, Optional: true},
			{Name: "percentile", Doc: "the percentile, -100 to 100 (negative counts from 100)", Kind: ops.Float, Optional: true, Min: ops.Bound(-100), Max: ops.Bound(100)},
		}, morpho.FootprintParams()...), ops.ModeParams()...),
		Output:  ops.SameAsFirst,
		Halo:    halo,
		InPlace: true,
		Local:   true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			hasRank, hasPct := !p.IsNone("rank"), !p.IsNone("percentile")
			if hasRank == hasPct {
				return ops.Result{}, fmt.Errorf("parameters rank and percentile: give exactly one: %w", ops.ErrParam)
			}
			return rankRun(in, out, p, func(dst, src *gips.Image, se morpho.SE, opts ...Option) error {
				if hasRank {
					return RankInto(dst, src, p.Int("rank"), se, opts...)
				}
				return PercentileInto(dst, src, p.Float("percentile"), se, opts...)
			})
		},
	})
}
