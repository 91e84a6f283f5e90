package imageio

import (
	"bytes"
	"testing"
)

// FuzzReadTIFF runs the TIFF reader and the mapping path on arbitrary
// bytes: they may fail but must not panic, hang or allocate wildly. The
// seeds in testdata/fuzz/FuzzReadTIFF run as part of every `go test`;
// `go test -fuzz FuzzReadTIFF ./imageio` explores further.
func FuzzReadTIFF(f *testing.F) {
	f.Add(tinyTIFF(baseFields(8, 8, 64), 0))
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
	f.Fuzz(func(t *testing.T, data []byte) {
		n := int64(len(data))
		readNpy(bytes.NewReader(data), n)
		openNpy(data, n, ReadOnly)
	})
}
