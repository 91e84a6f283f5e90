package gips

import "fmt"

// Channel views for package color's splitChannels and mergeChannels: plane
// headers over the same pixels, no copy.

// ChannelView is channel c of img at every z and time point, as a grey
// image of the same sizes (a volume stays a volume, a sequence a
// sequence): a view, so writes through either are seen by the other.
func (img *Image) ChannelView(c int) (*Image, error) {
	g := img.geom
	if c < 0 || c >= g.SizeC {
		return nil, fmt.Errorf("channelView: channel %d of %v: %w", c, g, ErrRange)
	}
	ng := g
	ng.SizeC, ng.Color = 1, Grey
	idx := make([]int, 0, g.SizeZ*g.SizeT)
	for t := 0; t < g.SizeT; t++ {
		for z := 0; z < g.SizeZ; z++ {
			idx = append(idx, g.PlaneIndex(z, c, t))
		}
	}
	return img.view(ng, idx, 0, 0), nil
}

// StackChannels is one image whose channel c is channels[c], of colour
// model m (RGB needs three channels): a view over the inputs' planes, no
// pixel copied. The inputs must be grey, of one buffer type and of one
// geometry. The result is read-only if any input is; its planes are not
// one block, so Array fails with ErrNotStrided (PlaneArrays works).
func StackChannels(channels []*Image, m ColorModel) (*Image, error) {
	if len(channels) == 0 {
		return nil, fmt.Errorf("stackChannels: no channel: %w", ErrShape)
	}
	g := channels[0].geom
	for i, ch := range channels {
		cg := ch.geom
		if cg.SizeC != 1 || cg.Type != g.Type || cg.SizeX != g.SizeX || cg.SizeY != g.SizeY || cg.SizeZ != g.SizeZ ||
			cg.SizeT != g.SizeT || cg.Volume != g.Volume || cg.Sequence != g.Sequence {
			return nil, fmt.Errorf("stackChannels: channel %d is %v, channel 0 %v: want grey images of one type and geometry: %w", i, cg, g, ErrShape)
		}
	}
	ng := g
	ng.SizeC, ng.Color = len(channels), m
	if err := ng.Validate(); err != nil {
		return nil, fmt.Errorf("stackChannels: %w", err)
	}
	v := &Image{geom: ng, cal: channels[0].cal, dtype: channels[0].dtype, planes: make([]plane, ng.Planes())}
	keep := make([]any, len(channels))
	for c, ch := range channels {
		keep[c] = ch
		v.readOnly = v.readOnly || ch.readOnly
		for t := 0; t < g.SizeT; t++ {
			for z := 0; z < g.SizeZ; z++ {
				i := ng.PlaneIndex(z, c, t)
				src := g.PlaneIndex(z, 0, t)
				v.planes[i] = ch.planes[src]
				if ch.sources != nil && ch.sources[src].data != nil {
					if v.sources == nil {
						v.sources = make([]planeSource, len(v.planes))
					}
					v.sources[i] = ch.sources[src]
				}
			}
		}
	}
	v.keep = keep
	return v, nil
}
