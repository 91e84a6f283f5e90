package imageio

import (
	"encoding/binary"
	"fmt"
	"io"
)

// TIFF tags this package reads or writes.
const (
	tagNewSubfileType    = 254
	tagImageWidth        = 256
	tagImageLength       = 257
	tagBitsPerSample     = 258
	tagCompression       = 259
	tagPhotometric       = 262
	tagImageDescription  = 270
	tagStripOffsets      = 273
	tagSamplesPerPixel   = 277
	tagRowsPerStrip      = 278
	tagStripByteCounts   = 279
	tagXResolution       = 282
	tagYResolution       = 283
	tagPlanarConfig      = 284
	tagResolutionUnit    = 296
	tagSoftware          = 305
	tagPredictor         = 317
	tagTileWidth         = 322
	tagTileLength        = 323
	tagTileOffsets       = 324
	tagTileByteCounts    = 325
	tagExtraSamples      = 338
	tagSampleFormat      = 339
	tagImageJMetaCounts  = 50838
	tagImageJMetaEntries = 50839
)

// TIFF field types.
const (
	typeByte     = 1
	typeASCII    = 2
	typeShort    = 3
	typeLong     = 4
	typeRational = 5
	typeUndef    = 7
	typeLong8    = 16
)

var typeSizes = map[uint16]int{1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8}

// tiffFile is the container level of a TIFF or BigTIFF file: byte order,
// offset size, and random access bounded by the file's length.
type tiffFile struct {
	r     io.ReaderAt
	size  int64
	order binary.ByteOrder
	big   bool
	first uint64 // offset of the first IFD
	// structure is every byte range the file's own structure takes (the
	// header, each IFD, each value stored outside its entry): pixels must
	// never lie there, or writing them through a mapping would damage the
	// file.
	structure spans
	ifdBytes  uint64 // the bytes of the IFDs read so far
}

// entry is one IFD field. Its value is at off in the file (for values
// that fit in the entry, off points into the entry itself).
type entry struct {
	typ   uint16
	count uint64
	off   uint64
}

type ifd struct {
	offset  uint64
	entries map[uint16]entry
}

func readTIFFHeader(r io.ReaderAt, size int64) (*tiffFile, error) {
	var h [16]byte
	if size < 8 {
		return nil, fmt.Errorf("tiff: %d-byte file: %w", size, ErrCorrupt)
	}
	if _, err := r.ReadAt(h[:min(16, size)], 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("tiff: reading header: %w", err)
	}
	f := &tiffFile{r: r, size: size}
	f.structure.add(0, 8)
	switch string(h[:2]) {
	case "II":
		f.order = binary.LittleEndian
	case "MM":
		f.order = binary.BigEndian
	default:
		return nil, fmt.Errorf("tiff: byte order mark %q: %w", h[:2], ErrFormat)
	}
	switch f.order.Uint16(h[2:]) {
	case 42:
		f.first = uint64(f.order.Uint32(h[4:]))
	case 43:
		if size < 16 || f.order.Uint16(h[4:]) != 8 || f.order.Uint16(h[6:]) != 0 {
			return nil, fmt.Errorf("tiff: BigTIFF header: %w", ErrCorrupt)
		}
		f.big = true
		f.first = f.order.Uint64(h[8:])
		f.structure.add(0, 16)
	default:
		return nil, fmt.Errorf("tiff: version %d: %w", f.order.Uint16(h[2:]), ErrFormat)
	}
	return f, nil
}

// read returns n bytes at off, failing before allocating if the file does
// not hold them.
func (f *tiffFile) read(off, n uint64) ([]byte, error) {
	if off > uint64(f.size) || n > uint64(f.size)-off {
		return nil, fmt.Errorf("tiff: %d bytes at offset %d past the end of a %d-byte file: %w", n, off, f.size, ErrCorrupt)
	}
	b := make([]byte, n)
	if _, err := f.r.ReadAt(b, int64(off)); err != nil && !(err == io.EOF && n == 0) {
		return nil, fmt.Errorf("tiff: reading %d bytes at %d: %w", n, off, err)
	}
	return b, nil
}

// ifds reads the chain of IFDs, refusing loops and IFDs past the end.
func (f *tiffFile) ifds() ([]ifd, error) {
	var out []ifd
	seen := map[uint64]bool{}
	for off := f.first; off != 0; {
		if seen[off] {
			return nil, fmt.Errorf("tiff: IFD %d at offset %d points back to an earlier IFD: %w", len(out), off, ErrCorrupt)
		}
		seen[off] = true
		d, next, err := f.readIFD(off)
		if err != nil {
			return nil, fmt.Errorf("IFD %d: %w", len(out), err)
		}
		out = append(out, d)
		off = next
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("tiff: no IFD: %w", ErrCorrupt)
	}
	return out, nil
}

func (f *tiffFile) readIFD(off uint64) (ifd, uint64, error) {
	cntSize, entSize, offSize := uint64(2), uint64(12), uint64(4)
	if f.big {
		cntSize, entSize, offSize = 8, 20, 8
	}
	b, err := f.read(off, cntSize)
	if err != nil {
		return ifd{}, 0, err
	}
	n := uint64(f.order.Uint16(b))
	if f.big {
		n = f.order.Uint64(b)
	}
	// IFDs may not share bytes, so together they fit in the file: a chain
	// of overlapping IFDs would otherwise parse the same entries over and
	// over, quadratic in the file's length.
	if n > uint64(f.size)/entSize || f.ifdBytes+n*entSize > uint64(f.size) {
		return ifd{}, 0, fmt.Errorf("tiff: IFD at %d claims %d entries, past the %d bytes the file has for IFDs: %w",
			off, n, uint64(f.size)-min(f.ifdBytes, uint64(f.size)), ErrCorrupt)
	}
	f.ifdBytes += cntSize + n*entSize + offSize
	b, err = f.read(off+cntSize, n*entSize+offSize)
	if err != nil {
		return ifd{}, 0, err
	}
	f.structure.add(off, off+cntSize+n*entSize+offSize)
	d := ifd{offset: off, entries: make(map[uint16]entry, n)}
	for i := uint64(0); i < n; i++ {
		e := b[i*entSize:]
		tag, typ := f.order.Uint16(e), f.order.Uint16(e[2:])
		var count uint64
		var valPos uint64 = off + cntSize + i*entSize + 8
		if f.big {
			count = f.order.Uint64(e[4:])
			valPos += 4
		} else {
			count = uint64(f.order.Uint32(e[4:]))
		}
		sz, ok := typeSizes[typ]
		if !ok {
			continue // unknown types are skipped, as the spec asks
		}
		if count > uint64(f.size) {
			return ifd{}, 0, fmt.Errorf("tiff: tag %d has %d values: %w", tag, count, ErrCorrupt)
		}
		if count*uint64(sz) > offSize {
			if f.big {
				valPos = f.order.Uint64(e[12:])
			} else {
				valPos = uint64(f.order.Uint32(e[8:]))
			}
			f.structure.add(valPos, valPos+count*uint64(sz))
		}
		d.entries[tag] = entry{typ: typ, count: count, off: valPos}
	}
	var next uint64
	if f.big {
		next = f.order.Uint64(b[n*entSize:])
	} else {
		next = uint64(f.order.Uint32(b[n*entSize:]))
	}
	return d, next, nil
}

// uints reads an integer field (BYTE, SHORT, LONG, LONG8) as uint64s.
func (f *tiffFile) uints(d ifd, tag uint16) ([]uint64, error) {
	e, ok := d.entries[tag]
	if !ok {
		return nil, nil
	}
	sz := typeSizes[e.typ]
	switch e.typ {
	case typeByte, typeShort, typeLong, typeLong8, typeUndef:
	default:
		return nil, fmt.Errorf("tiff: tag %d has type %d, want an integer: %w", tag, e.typ, ErrCorrupt)
	}
	b, err := f.read(e.off, e.count*uint64(sz))
	if err != nil {
		return nil, fmt.Errorf("tag %d: %w", tag, err)
	}
	out := make([]uint64, e.count)
	for i := range out {
		switch sz {
		case 1:
			out[i] = uint64(b[i])
		case 2:
			out[i] = uint64(f.order.Uint16(b[2*i:]))
		case 4:
			out[i] = uint64(f.order.Uint32(b[4*i:]))
		default:
			out[i] = f.order.Uint64(b[8*i:])
		}
	}
	return out, nil
}

// uint reads a single-valued integer field, or def when it is absent. A
// field with several values (BitsPerSample per sample) must repeat one.
func (f *tiffFile) uint(d ifd, tag uint16, def uint64) (uint64, error) {
	v, err := f.uints(d, tag)
	if err != nil || v == nil {
		return def, err
	}
	if len(v) == 0 {
		return 0, fmt.Errorf("tiff: tag %d has no value: %w", tag, ErrCorrupt)
	}
	for _, x := range v[1:] {
		if x != v[0] {
			return 0, fmt.Errorf("tiff: tag %d has differing values %v: %w", tag, v, ErrUnsupported)
		}
	}
	return v[0], nil
}

// rational reads a RATIONAL field as a float64 (0 when absent or 0/0).
func (f *tiffFile) rational(d ifd, tag uint16) (float64, error) {
	e, ok := d.entries[tag]
	if !ok || e.count == 0 {
		return 0, nil
	}
	if e.typ != typeRational {
		return 0, fmt.Errorf("tiff: tag %d has type %d, want RATIONAL: %w", tag, e.typ, ErrCorrupt)
	}
	b, err := f.read(e.off, 8)
	if err != nil {
		return 0, err
	}
	num, den := f.order.Uint32(b), f.order.Uint32(b[4:])
	if den == 0 {
		return 0, nil
	}
	return float64(num) / float64(den), nil
}

// ascii reads an ASCII field without its trailing NULs.
func (f *tiffFile) ascii(d ifd, tag uint16) (string, error) {
	e, ok := d.entries[tag]
	if !ok {
		return "", nil
	}
	if e.typ != typeASCII && e.typ != typeUndef && e.typ != typeByte {
		return "", nil
	}
	b, err := f.read(e.off, e.count)
	if err != nil {
		return "", fmt.Errorf("tag %d: %w", tag, err)
	}
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	return string(b), nil
}
