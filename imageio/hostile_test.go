package imageio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"runtime"
	"testing"
)

// tinyTIFF builds a little-endian classic TIFF with one IFD at offset 8
// holding the given single-valued LONG fields, then 64 bytes of pixels at
// the offset named by the value 0xFFFFFFFF (patched to the real offset).
func tinyTIFF(fields [][2]uint32, next uint32) []byte {
	b := []byte("II*\x00\x08\x00\x00\x00")
	b = binary.LittleEndian.AppendUint16(b, uint16(len(fields)))
	data := uint32(8 + 2 + 12*len(fields) + 4)
	for _, f := range fields {
		v := f[1]
		if v == 0xFFFFFFFF {
			v = data
		}
		b = binary.LittleEndian.AppendUint16(b, uint16(f[0]))
		b = binary.LittleEndian.AppendUint16(b, typeLong)
		b = binary.LittleEndian.AppendUint32(b, 1)
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	b = binary.LittleEndian.AppendUint32(b, next)
	return append(b, make([]byte, 64)...)
}

func baseFields(w, h, count uint32) [][2]uint32 {
	return [][2]uint32{{tagImageWidth, w}, {tagImageLength, h}, {tagBitsPerSample, 8},
		{tagStripOffsets, 0xFFFFFFFF}, {tagRowsPerStrip, h}, {tagStripByteCounts, count}}
}

// TestHostileTIFFFailsCleanly feeds broken files to the reader and to the
// mapping path: each must give an error wrapping ErrCorrupt (or
// ErrUnsupported), with no panic and no large allocation.
func TestHostileTIFFFailsCleanly(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want error
	}{
		{"valid 8x8", tinyTIFF(baseFields(8, 8, 64), 0), nil},
		{"IFD chain loops to itself", tinyTIFF(baseFields(8, 8, 64), 8), ErrCorrupt},
		{"absurd size, tiny strip", tinyTIFF(baseFields(1<<24, 1<<24, 64), 0), ErrCorrupt},
		{"huge size, deflate", tinyTIFF(append(baseFields(60000, 60000, 64), [2]uint32{tagCompression, compDeflate}), 0), ErrCorrupt},
		{"strip past the end", tinyTIFF(baseFields(8, 8, 1<<20), 0), ErrCorrupt},
		{"strip shorter than the page", tinyTIFF(baseFields(8, 9, 64), 0), ErrCorrupt},
		{"zero width", tinyTIFF(baseFields(0, 8, 64), 0), ErrCorrupt},
		{"next IFD past the end", tinyTIFF(baseFields(8, 8, 64), 1<<30), ErrCorrupt},
		{"strip count disagrees with rows per strip", tinyTIFF(append(baseFields(8, 8, 64)[:4], [2]uint32{tagRowsPerStrip, 2}, [2]uint32{tagStripByteCounts, 64}), 0), ErrCorrupt},
		{"unknown compression", tinyTIFF(append(baseFields(8, 8, 64), [2]uint32{tagCompression, 7}), 0), ErrUnsupported},
		{"12-bit samples", tinyTIFF(append(baseFields(8, 8, 64)[:2], [2]uint32{tagBitsPerSample, 12}, [2]uint32{tagStripOffsets, 0xFFFFFFFF}, [2]uint32{tagStripByteCounts, 64}), 0), ErrUnsupported},
		{"1x1 page of 65536x65536 deflate tiles", tinyTIFF([][2]uint32{{tagImageWidth, 1}, {tagImageLength, 1}, {tagBitsPerSample, 8},
			{tagCompression, compDeflate}, {tagTileWidth, 1 << 16}, {tagTileLength, 1 << 16}, {tagTileOffsets, 0xFFFFFFFF}, {tagTileByteCounts, 64}}, 0), ErrCorrupt},
		{"header only", []byte("II*\x00\x08\x00\x00\x00"), ErrCorrupt},
		{"BigTIFF header cut", []byte("II+\x00\x08\x00\x00\x00\x10"), ErrCorrupt},
	} {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := readTIFF(bytes.NewReader(c.data), int64(len(c.data)))
			_, oerr := openTIFF(c.data, int64(len(c.data)), ReadOnly)
			runtime.ReadMemStats(&after)
			if c.want == nil {
				if err != nil || oerr != nil {
					t.Fatalf("valid file: %v / %v", err, oerr)
				}
				return
			}
			if !errors.Is(err, c.want) || !errors.Is(oerr, c.want) {
				t.Errorf("Load error %v, Open error %v, want %v", err, oerr, c.want)
			}
			if grown := after.TotalAlloc - before.TotalAlloc; grown > 1<<20 {
				t.Errorf("allocated %d bytes before failing", grown)
			}
		})
	}
}

// TestTruncatedFixturesFail cuts every TIFF and npy fixture at many lengths:
// each cut file must fail (or, when the cut only drops trailing bytes the
// image does not use, succeed) without a panic.
func TestTruncatedFixturesFail(t *testing.T) {
	for name := range loadManifest(t) {
		path := fixturePath(t, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		step := max(1, len(data)/23)
		for n := 0; n < len(data); n += step {
			cut := data[:n]
			if f, err := Sniff(cut); err == nil {
				switch f {
				case TIFF:
					readTIFF(bytes.NewReader(cut), int64(n))
					openTIFF(cut, int64(n), ReadOnly)
				case NPY:
					readNpy(bytes.NewReader(cut), int64(n))
					openNpy(cut, int64(n), ReadOnly)
				case NPZ:
					readNpz(bytes.NewReader(cut), int64(n))
				case PNG:
					readPNG(bytes.NewReader(cut), int64(n))
				}
			}
		}
	}
}

// TestImageJOneIFDBeyondFile claims more ImageJ images than the file holds.
func TestImageJOneIFDBeyondFile(t *testing.T) {
	data, err := os.ReadFile(fixturePath(t, "ij_one_ifd_u2"))
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("images=6\n"), []byte("images=9\n"), 1)
	if _, err := readTIFF(bytes.NewReader(data), int64(len(data))); !errors.Is(err, ErrCorrupt) {
		t.Errorf("images=9 in a file of 6: %v, want ErrCorrupt", err)
	}
}

// TestHostilePNGSize claims PNG sizes that a few bytes cannot hold: 16M x
// 16M, and 2900 x 2900 RGBA at 16 bits (67 MB that Go's decoder would
// allocate before inflating anything).
func TestHostilePNGSize(t *testing.T) {
	huge := hostilePNG(1<<24-1, 1<<24-1, 16, 0)
	if _, err := readPNG(bytes.NewReader(huge), int64(len(huge))); !errors.Is(err, ErrCorrupt) {
		t.Errorf("16M x 16M PNG: %v, want ErrCorrupt", err)
	}
	data := hostilePNG(2900, 2900, 16, 6)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := readPNG(bytes.NewReader(data), int64(len(data)))
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrCorrupt) {
		t.Errorf("2900 x 2900 RGBA64 PNG: %v, want ErrCorrupt", err)
	}
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 1<<20 {
		t.Errorf("allocated %d bytes before failing", grown)
	}
}

// hostilePNG is a PNG whose IHDR claims w x h at the given bit depth and
// colour type, with an empty IDAT.
func hostilePNG(w, h uint32, depth, colorType byte) []byte {
	chunk := func(typ string, data []byte) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
		b = append(append(b, typ...), data...)
		return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, depth, colorType, 0, 0, 0)
	data := append([]byte("\x89PNG\r\n\x1a\n"), chunk("IHDR", ihdr)...)
	data = append(data, chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})...)
	return append(data, chunk("IEND", nil)...)
}

// TestHostileNpyShape claims a shape whose byte count overflows.
func TestHostileNpyShape(t *testing.T) {
	data := append(npyHeaderBytes("<u2", []int{1 << 31, 1 << 31, 1 << 31}), make([]byte, 16)...)
	if _, err := readNpy(bytes.NewReader(data), int64(len(data))); !errors.Is(err, ErrCorrupt) {
		t.Errorf("huge npy shape: %v, want ErrCorrupt", err)
	}
}

// TestHostileTIFFSharedStructures: two ways for a small file to make the
// reader do work and allocate memory far beyond its size, by making its
// structures share bytes. Each must fail with ErrCorrupt after allocating
// little.
func TestHostileTIFFSharedStructures(t *testing.T) {
	for _, c := range []struct {
		name  string
		data  []byte
		limit uint64
	}{
		// 4000 IFDs 12 bytes apart, each of 1000 entries that the next
		// IFDs share: 4 million entries from 250 kB.
		{"overlapping IFD chain", overlappingIFDs(1000, 4000), 8 << 20},
		// 200 pages listing one shared array of 65536 strips: 13 million
		// strip offsets from 260 kB.
		{"pages sharing a strip array", sharedStripArray(1<<16, 200), 32 << 20},
	} {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := readTIFF(bytes.NewReader(c.data), int64(len(c.data)))
			_, oerr := openTIFF(c.data, int64(len(c.data)), ReadOnly)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrCorrupt) || !errors.Is(oerr, ErrCorrupt) {
				t.Errorf("Load error %v, Open error %v, want ErrCorrupt", err, oerr)
			}
			if grown := after.TotalAlloc - before.TotalAlloc; grown > c.limit {
				t.Errorf("allocated %d bytes for a %d-byte file", grown, len(c.data))
			}
		})
	}
}

// overlappingIFDs chains m IFDs of n entries at offsets 12 bytes apart
// from 3<<16: IFD i's entries are the 12-byte blocks i..i+n-1 (seen from
// their third byte), and its next-IFD pointer, in block i+n, reads as an
// entry of type SHORT (3 = the pointer's high half) to the IFDs before.
func overlappingIFDs(n, m int) []byte {
	le := binary.LittleEndian
	base := 3 << 16
	b := make([]byte, base+12*(m+n)+16)
	copy(b, "II*\x00")
	le.PutUint32(b[4:], uint32(base))
	for k := range m + n {
		blk := b[base+12*k:]
		le.PutUint16(blk, uint16(n)) // the entry count, for IFD k
		switch {
		case k < n:
			le.PutUint16(blk[2:], uint16(1000+k))
			le.PutUint16(blk[4:], typeShort)
		case k-n+1 < m:
			le.PutUint32(blk[2:], uint32(base+12*(k-n+1))) // IFD k-n's next
		}
		le.PutUint32(blk[6:], 1)
	}
	return b
}

// sharedStripArray is pages LZW pages of 1 x k pixels, one strip per row,
// whose StripOffsets and StripByteCounts all name one array of k LONGs.
func sharedStripArray(k, pages int) []byte {
	le := binary.LittleEndian
	b := []byte("II*\x00\x00\x00\x00\x00")
	for range k {
		b = le.AppendUint32(b, 8) // every strip: 8 bytes at offset 8
	}
	le.PutUint32(b[4:], uint32(len(b)))
	for p := range pages {
		fields := [][3]uint32{{tagImageWidth, 1, 1}, {tagImageLength, 1, uint32(k)}, {tagBitsPerSample, 1, 8},
			{tagCompression, 1, compLZW}, {tagStripOffsets, uint32(k), 8}, {tagRowsPerStrip, 1, 1}, {tagStripByteCounts, uint32(k), 8}}
		b = le.AppendUint16(b, uint16(len(fields)))
		for _, f := range fields {
			b = le.AppendUint16(b, uint16(f[0]))
			b = le.AppendUint16(b, typeLong)
			b = le.AppendUint32(b, f[1])
			b = le.AppendUint32(b, f[2])
		}
		next := uint32(len(b) + 4)
		if p == pages-1 {
			next = 0
		}
		b = le.AppendUint32(b, next)
	}
	return b
}
