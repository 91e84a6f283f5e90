package imageio

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gipsdev/gips"
)

// Compression is a TIFF compression for Save.
type Compression int

const (
	None    Compression = iota // uncompressed: the file can be opened with Open
	Deflate                    // zlib (TIFF code 8, "adobe_deflate")
)

func (c Compression) String() string {
	switch c {
	case None:
		return "none"
	case Deflate:
		return "deflate"
	}
	return fmt.Sprintf("Compression(%d)", int(c))
}

// Options tune Save. The zero value (or nil) writes an uncompressed,
// native-order file.
type Options struct {
	// Compression of TIFF pixel data.
	Compression Compression
	// Predictor applies TIFF horizontal differencing before compression
	// (it helps deflate on smooth integer images).
	Predictor bool
	// BigTIFF forces 64-bit offsets; Save picks BigTIFF on its own when
	// the pixels pass 4 GiB.
	BigTIFF bool
	// Chunky interleaves RGB samples (RGBRGB...) in TIFF files; the default
	// stores one plane per channel, as gips holds them.
	Chunky bool
	// ByteOrder of raw files; nil is the machine's order.
	ByteOrder binary.ByteOrder
}

// FormatOf names the format Save writes for a file name, by extension:
// .tif/.tiff, .npy, .png, .raw/.bin.
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".tif", ".tiff", ".btf", ".tf8":
		return TIFF, nil
	case ".npy":
		return NPY, nil
	case ".png":
		return PNG, nil
	case ".raw", ".bin":
		return Raw, nil
	}
	return "", fmt.Errorf("extension %q (want .tif, .tiff, .npy, .png, .raw): %w", filepath.Ext(path), ErrFormat)
}

// Save writes img to path in the format its extension names. It writes a
// temporary file in the same folder and renames it over path, so that an
// error never leaves a half-written file nor destroys the previous one.
// TIFF files carry the calibration and, as ImageJ hyperstack metadata, the
// channel, z and time axes; PNG takes 2D 8/16-bit grey or RGB; .npy is C
// order in native byte order (Binary as bool), 5D for the geometries whose
// 4D shape Load would misread (see the package doc); raw is the pixels
// only.
func Save(path string, img *gips.Image, opts *Options) error {
	var o Options
	if opts != nil {
		o = *opts
	}
	format, err := FormatOf(path)
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	err = writeAtomic(path, func(f *os.File) error {
		switch format {
		case TIFF:
			return writeTIFF(f, img, o)
		case NPY:
			return writeNpy(f, img)
		case PNG:
			return writePNG(f, img)
		default:
			return writeRaw(f, img, o.ByteOrder)
		}
	})
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return nil
}

// writeAtomic runs write on a temporary file next to path and renames it
// to path once it is written and synced; on any error it removes it.
func writeAtomic(path string, write func(*os.File) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// writerAt is what writers that patch offsets need.
type writerAt interface {
	io.Writer
	io.WriterAt
}

var _ writerAt = (*os.File)(nil)
