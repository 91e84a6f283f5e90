package imageio

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// FuzzReadTIFF runs the TIFF reader and the mapping path on arbitrary
// bytes: they may fail but must not panic, hang or allocate wildly. The
// seeds in testdata/fuzz/FuzzReadTIFF run as part of every `go test`;
// `go test -fuzz FuzzReadTIFF ./imageio` explores further.
func FuzzReadTIFF(f *testing.F) {
	f.Add(tinyTIFF(baseFields(8, 8, 64), 0))
	// A 1x1 page of huge tiles (once a 4 GiB scratch buffer).
	f.Add(tinyTIFF([][2]uint32{{tagImageWidth, 1}, {tagImageLength, 1}, {tagBitsPerSample, 8},
		{tagCompression, compDeflate}, {tagTileWidth, 1 << 16}, {tagTileLength, 1 << 16}, {tagTileOffsets, 0xFFFFFFFF}, {tagTileByteCounts, 64}}, 0))
	// Structures that share bytes (see TestHostileTIFFSharedStructures).
	f.Add(overlappingIFDs(100, 400))
	f.Add(sharedStripArray(4096, 50))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := int64(len(data))
		if img, err := readTIFF(bytes.NewReader(data), n); err == nil && img == nil {
			t.Fatal("nil image without an error")
		}
		openTIFF(data, n, ReadOnly)
	})
}

// FuzzReadNpy does the same for .npy headers.
func FuzzReadNpy(f *testing.F) {
	f.Add(append(npyHeaderBytes("<u2", []int{2, 3}), make([]byte, 12)...))
	for _, h := range []string{
		"{'descr': '<u2', 'fortran_order': False, 'shape': (2, 3), 'descr': '<f8'}",
		"{'descr': '<u2', 'fortran_order': False, 'shape': ((2), 3,)} # x",
	} {
		b := binary.LittleEndian.AppendUint16([]byte("\x93NUMPY\x01\x00"), uint16(len(h)))
		f.Add(append(append(b, h...), make([]byte, 48)...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n := int64(len(data))
		readNpy(bytes.NewReader(data), n)
		openNpy(data, n, ReadOnly)
	})
}

// FuzzReadPNG: the PNG reader must refuse sizes its input cannot hold
// before the decoder allocates for them.
func FuzzReadPNG(f *testing.F) {
	f.Add(hostilePNG(8, 8, 8, 0))
	f.Add(hostilePNG(2900, 2900, 16, 6))
	f.Add(hostilePNG(1<<20, 3, 1, 3))
	f.Fuzz(func(t *testing.T, data []byte) {
		readPNG(bytes.NewReader(data), int64(len(data)))
	})
}
