package imageio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
// error never leaves a half-written file nor destroys the previous one. A
// file that exists keeps its permission bits; a symbolic link is written
// through to its target and stays a link.
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

// writeAtomic runs write on a temporary file and renames it over path
// once it is written and synced; on any error it removes it. When path is
// a symbolic link (or a chain of them), the file written is the link's
// target: the temporary file is made in the target's folder (a rename
// cannot cross file systems) and the link stays a link. An existing
// file keeps its permission bits; a new one gets 0644. The rename gives
// the target a new inode: other hard links to it keep the old content.
func writeAtomic(path string, write func(*os.File) error) (err error) {
	f, target, mode, err := createTemp(path)
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
	if err = f.Chmod(mode); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), target)
}

// createTemp makes the temporary file that replaces path: in the folder
// of path's target (see writeAtomic), and the mode the target must get.
func createTemp(path string) (f *os.File, target string, mode fs.FileMode, err error) {
	if target, err = linkTarget(path); err != nil {
		return nil, "", 0, err
	}
	mode = fs.FileMode(0o644)
	if st, err := os.Stat(target); err == nil {
		if !st.Mode().IsRegular() {
			return nil, "", 0, fmt.Errorf("%s is a %v, not a regular file", target, st.Mode().Type())
		}
		mode = st.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, "", 0, err
	}
	f, err = os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp*")
	return f, target, mode, err
}

// linkTarget is the file that writing to path writes: path itself, or
// the end of its chain of symbolic links, which need not exist yet (a
// dangling link is written through, as the shell's > does).
func linkTarget(path string) (string, error) {
	p := path
	for range 64 {
		st, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
		if err != nil {
			return "", err
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return real, nil
		}
		// A dangling link: follow one step, from the folder the link
		// really lies in, so that ".." in it means what the kernel
		// makes of it.
		link, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			dir, err := filepath.EvalSymlinks(filepath.Dir(p))
			if err != nil {
				return "", err
			}
			link = filepath.Join(dir, link)
		}
		p = link
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

// writerAt is what writers that patch offsets need.
type writerAt interface {
	io.Writer
	io.WriterAt
}

var _ writerAt = (*os.File)(nil)
