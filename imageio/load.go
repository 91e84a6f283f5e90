package imageio

import (
	"bytes"
	"fmt"
	"os"

	"github.com/gipsdev/gips"
)

// Format names a file format.
type Format string

// The formats this package reads and writes.
const (
	TIFF Format = "tiff"
	NPY  Format = "npy"
	NPZ  Format = "npz" // read only
	PNG  Format = "png"
	Raw  Format = "raw" // headerless: see LoadRaw, SaveRaw, OpenRaw
)

// Sniff names the format of a file from its first bytes, or returns
// ErrFormat. Raw data has no signature and is never sniffed.
func Sniff(head []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")),
		bytes.HasPrefix(head, []byte("II+\x00")), bytes.HasPrefix(head, []byte("MM\x00+")):
		return TIFF, nil
	case bytes.HasPrefix(head, []byte("\x93NUMPY")):
		return NPY, nil
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return NPZ, nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	}
	n := min(len(head), 8)
	return "", fmt.Errorf("signature % x: %w", head[:n], ErrFormat)
}

// Load reads an image file into memory, choosing the format by the file's
// first bytes (TIFF and BigTIFF, .npy, .npz, PNG), whatever its name. The
// image is new, C-contiguous and writable; its calibration comes from the
// file where the format has one (TIFF resolution tags and ImageJ metadata).
// Use Open to work on a large file in place.
func Load(path string) (*gips.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	head := make([]byte, 8)
	n, _ := f.ReadAt(head, 0)
	format, err := Sniff(head[:n])
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	var img *gips.Image
	switch format {
	case TIFF:
		img, err = readTIFF(f, st.Size())
	case NPY:
		img, err = readNpy(f, st.Size())
	case NPZ:
		img, err = readNpz(f, st.Size())
	case PNG:
		img, err = readPNG(f, st.Size())
	}
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	return img, nil
}
