package imageio

import "errors"

// Sentinel errors. Every error this package returns wraps one of them (or a
// gips or os error) with the file, the page and the field that was wrong, so
// callers test with errors.Is and users read the whole message.
var (
	// ErrFormat: the bytes are not a format this package reads, or the
	// extension names no format it writes.
	ErrFormat = errors.New("unknown image file format")
	// ErrUnsupported: a valid file using a feature this package does not
	// handle (a compression, a bit depth, a layout).
	ErrUnsupported = errors.New("unsupported file feature")
	// ErrCorrupt: a truncated or inconsistent file: offsets past the end,
	// counts that disagree, sizes the file cannot hold, IFD loops.
	ErrCorrupt = errors.New("corrupt or truncated file")
	// ErrNotMappable: Open cannot map the pixels in place (compressed
	// pages, bit-packed pixels, strips scattered inside a page).
	ErrNotMappable = errors.New("pixels cannot be memory-mapped in place")
)
