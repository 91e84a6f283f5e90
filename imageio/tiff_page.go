package imageio

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// Compression and predictor codes.
const (
	compNone        = 1
	compLZW         = 5
	compAdobeDefl   = 8
	compPackBits    = 32773
	compDeflate     = 32946
	predNone        = 1
	predHorizontal  = 2
	predFloat       = 3
	planarChunky    = 1
	planarSeparate  = 2
	photoMinIsWhite = 0
	photoMinIsBlack = 1
	photoRGB        = 2
)

// page is one IFD read as an image: its pixel type, layout and where its
// chunks (strips or tiles) are.
type page struct {
	index         int
	width, height int
	bits, spp     int
	format        int // SampleFormat: 1 unsigned, 2 signed, 3 float
	planar        int
	photometric   int
	compression   int
	predictor     int
	tiled         bool
	chunkW        int // tile width, or the image width for strips
	chunkH        int // tile length or rows per strip
	offsets       []uint64
	counts        []uint64
	subfile       uint64
	description   string
	xres, yres    float64
	resUnit       int
	typ           gips.BufferType
	need          uint64 // decoded bytes
	ratio         uint64 // the most the compression can expand
}

// Bounds on what a page may claim, whatever the file length: they keep
// hostile headers from overflowing int arithmetic.
const (
	maxSide      = 1 << 24
	maxChunkSide = 1 << 16
)

func (f *tiffFile) page(d ifd, index int) (*page, error) {
	p := &page{index: index}
	get := func(tag uint16, def uint64, dst *int) error {
		v, err := f.uint(d, tag, def)
		if err != nil {
			return fmt.Errorf("page %d: %w", index, err)
		}
		if v > maxSide {
			return fmt.Errorf("tiff page %d: tag %d value %d too large: %w", index, tag, v, ErrCorrupt)
		}
		*dst = int(v)
		return nil
	}
	for _, t := range []struct {
		tag uint16
		def uint64
		dst *int
	}{
		{tagImageWidth, 0, &p.width}, {tagImageLength, 0, &p.height}, {tagBitsPerSample, 1, &p.bits},
		{tagSamplesPerPixel, 1, &p.spp}, {tagSampleFormat, 1, &p.format}, {tagPlanarConfig, 1, &p.planar},
		{tagPhotometric, 1, &p.photometric}, {tagCompression, 1, &p.compression}, {tagPredictor, 1, &p.predictor},
		{tagResolutionUnit, 2, &p.resUnit},
	} {
		if err := get(t.tag, t.def, t.dst); err != nil {
			return nil, err
		}
	}
	var err error
	if p.subfile, err = f.uint(d, tagNewSubfileType, 0); err != nil {
		return nil, err
	}
	if p.description, err = f.ascii(d, tagImageDescription); err != nil {
		return nil, err
	}
	if p.xres, err = f.rational(d, tagXResolution); err != nil {
		return nil, err
	}
	if p.yres, err = f.rational(d, tagYResolution); err != nil {
		return nil, err
	}
	if p.width < 1 || p.height < 1 {
		return nil, fmt.Errorf("tiff page %d: size %dx%d: %w", index, p.width, p.height, ErrCorrupt)
	}
	if p.spp < 1 || p.spp > 64 {
		return nil, fmt.Errorf("tiff page %d: %d samples per pixel: %w", index, p.spp, ErrUnsupported)
	}
	if p.typ, err = p.bufferType(); err != nil {
		return nil, err
	}
	if err := f.chunks(d, p); err != nil {
		return nil, err
	}
	return p, nil
}

// bufferType maps SampleFormat and BitsPerSample to a gips type.
func (p *page) bufferType() (gips.BufferType, error) {
	if p.format == 4 { // void: read as unsigned
		p.format = 1
	}
	key := [2]int{p.format, p.bits}
	t, ok := map[[2]int]gips.BufferType{
		{1, 1}: gips.Binary, {1, 8}: gips.UInt8, {2, 8}: gips.Int8, {1, 16}: gips.UInt16, {2, 16}: gips.Int16,
		{1, 32}: gips.UInt32, {2, 32}: gips.Int32, {3, 32}: gips.Real32, {3, 64}: gips.Real64,
	}[key]
	if !ok {
		return 0, fmt.Errorf("tiff page %d: %d-bit sample format %d: %w", p.index, p.bits, p.format, ErrUnsupported)
	}
	if t == gips.Binary && p.spp != 1 {
		return 0, fmt.Errorf("tiff page %d: 1-bit pixels with %d samples: %w", p.index, p.spp, ErrUnsupported)
	}
	return t, nil
}

// chunks reads the strip or tile layout and checks it against the page
// size and the file length.
func (f *tiffFile) chunks(d ifd, p *page) error {
	offTag, cntTag := uint16(tagStripOffsets), uint16(tagStripByteCounts)
	if _, ok := d.entries[tagTileWidth]; ok {
		p.tiled, offTag, cntTag = true, tagTileOffsets, tagTileByteCounts
		w, err := f.uint(d, tagTileWidth, 0)
		if err != nil {
			return err
		}
		h, err := f.uint(d, tagTileLength, 0)
		if err != nil {
			return err
		}
		if w < 1 || h < 1 || w > maxChunkSide || h > maxChunkSide {
			return fmt.Errorf("tiff page %d: tile %dx%d: %w", p.index, w, h, ErrCorrupt)
		}
		p.chunkW, p.chunkH = int(w), int(h)
	} else {
		rps, err := f.uint(d, tagRowsPerStrip, uint64(p.height))
		if err != nil {
			return err
		}
		p.chunkW, p.chunkH = p.width, int(min(max(rps, 1), uint64(p.height)))
	}
	var err error
	if p.offsets, err = f.uints(d, offTag); err != nil {
		return fmt.Errorf("tiff page %d: %w", p.index, err)
	}
	if p.counts, err = f.uints(d, cntTag); err != nil {
		return fmt.Errorf("tiff page %d: %w", p.index, err)
	}
	want := p.chunksPerPlane()
	if p.planar == planarSeparate {
		want *= p.spp
	}
	if len(p.offsets) != want || len(p.counts) != want {
		return fmt.Errorf("tiff page %d: %d offsets and %d byte counts for %d chunks: %w",
			p.index, len(p.offsets), len(p.counts), want, ErrCorrupt)
	}
	var total uint64
	for i, o := range p.offsets {
		c := p.counts[i]
		if o > uint64(f.size) || c > uint64(f.size)-o {
			return fmt.Errorf("tiff page %d: chunk %d of %d bytes at offset %d past the end of a %d-byte file: %w",
				p.index, i, c, o, f.size, ErrCorrupt)
		}
		total += c
	}
	// The decoded page must be reachable from the stored bytes at the best
	// ratio the compression allows: this refuses absurd sizes before the
	// image is allocated.
	need := uint64(p.rowBytes(p.width)) * uint64(p.height)
	if p.planar == planarSeparate {
		need *= uint64(p.spp)
	}
	ratio, ok := map[int]uint64{compNone: 1, compPackBits: 64, compAdobeDefl: 1100, compDeflate: 1100, compLZW: 4096}[p.compression]
	if !ok {
		return fmt.Errorf("tiff page %d: compression %d: %w", p.index, p.compression, ErrUnsupported)
	}
	if p.compression == compNone && !p.tiled {
		// Uncompressed strips must hold every row.
		if need > total {
			return fmt.Errorf("tiff page %d: %d bytes of strips for %d bytes of pixels: %w", p.index, total, need, ErrCorrupt)
		}
	}
	// Chunks may overlap, so the stored bytes count at most once.
	p.need, p.ratio = need, ratio
	budget := (min(total, uint64(f.size)) + 64) * ratio
	if need > budget {
		return fmt.Errorf("tiff page %d: %dx%d pixels cannot come from %d stored bytes: %w", p.index, p.width, p.height, total, ErrCorrupt)
	}
	// A tile is decoded whole into a scratch buffer, and its size is not
	// bounded by the page's (a 1x1 page may claim 65536x65536 tiles): it
	// too must be reachable from the stored bytes.
	if tile := uint64(p.rowBytes(p.chunkW)) * uint64(p.chunkH); p.tiled && tile > budget {
		return fmt.Errorf("tiff page %d: %dx%d tiles cannot come from %d stored bytes: %w", p.index, p.chunkW, p.chunkH, total, ErrCorrupt)
	}
	if p.predictor != predNone && p.predictor != predHorizontal && !(p.predictor == predFloat && p.typ.IsFloat()) {
		return fmt.Errorf("tiff page %d: predictor %d for %v samples: %w", p.index, p.predictor, p.typ, ErrUnsupported)
	}
	return nil
}

func (p *page) chunksAcross() int { return (p.width + p.chunkW - 1) / p.chunkW }
func (p *page) chunksDown() int   { return (p.height + p.chunkH - 1) / p.chunkH }
func (p *page) chunksPerPlane() int {
	return p.chunksAcross() * p.chunksDown()
}

// samplesPerChunk is the number of interleaved samples in a chunk.
func (p *page) samplesPerChunk() int {
	if p.planar == planarSeparate {
		return 1
	}
	return p.spp
}

// rowBytes is the stored size of a row of w pixels of a chunk (all
// interleaved samples; 1-bit rows are padded to a byte).
func (p *page) rowBytes(w int) int {
	return (w*p.samplesPerChunk()*p.bits + 7) / 8
}
