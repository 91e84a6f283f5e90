package imageio

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/gipsdev/gips"
)

// readNpz loads the first array of a .npz archive (np.savez or
// np.savez_compressed): the image, by the convention of this package.
func readNpz(r io.ReaderAt, size int64) (*gips.Image, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("npz: %v: %w", err, ErrCorrupt)
	}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".npy") {
			continue
		}
		// Deflate expands at most about 1032 times: refuse an archive that
		// claims more before allocating for it.
		n := f.UncompressedSize64
		if n > 1100*f.CompressedSize64+1024 || f.Method == zip.Store && n > uint64(size) {
			return nil, fmt.Errorf("npz: member %s claims %d bytes from %d: %w", f.Name, n, f.CompressedSize64, ErrCorrupt)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("npz: member %s: %w", f.Name, err)
		}
		b, err := io.ReadAll(io.LimitReader(rc, int64(n)))
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("npz: member %s: %v: %w", f.Name, err, ErrCorrupt)
		}
		img, err := readNpy(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return nil, fmt.Errorf("npz: member %s: %w", f.Name, err)
		}
		return img, nil
	}
	return nil, fmt.Errorf("npz: no .npy member: %w", ErrCorrupt)
}
