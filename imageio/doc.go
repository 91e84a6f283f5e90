// Package imageio loads, saves and memory-maps gips images: TIFF and
// BigTIFF stacks, numpy .npy (and .npz on read), PNG, and headerless raw
// volumes.
//
// # Reading
//
// Load reads a whole file into a new C-contiguous, writable image and finds
// the format from the file's first bytes, not its name. Open maps a file
// instead: the image's planes point into the mapping, no pixel is copied,
// and opening a file larger than memory costs milliseconds. Open takes
// uncompressed TIFF files (each page anywhere in the file), .npy and, with
// OpenRaw, raw volumes; a compressed TIFF fails with ErrNotMappable.
//
// A mapped plane that cannot be shared as it lies (a byte order that is
// not the machine's, interleaved RGB samples, a Fortran-ordered .npy) is
// copied at Open; Image.Shared lists those planes and Disk.Flush writes
// them back before flushing the mapping. A ReadOnly disk image is a
// read-only gips image: algorithms refuse to write into it. The mapping
// lives as long as the Disk, its image or anything taken from them is
// reachable: Close flushes, and the image stays valid after it.
//
// # Axis conventions
//
// Images follow gips: planes in (z, c, t) order, numpy shape (T, C, Z, Y, X)
// with absent axes dropped. A TIFF's pages are z slices, unless its ImageJ
// metadata (images=, channels=, slices=, frames=) says how they divide
// into channels, slices and frames (ImageJ's page order is channel fastest,
// then slice, then frame). Three samples per pixel with photometric RGB
// give an RGB image, chunky or planar; other sample counts give a
// multi-channel image. 1-bit pages are read as Binary, their bits as
// stored (as tifffile reads them: MinIsWhite is not inverted).
//
// A .npy array follows the same rule, read from its shape: 2D (Y, X) is a
// 2D image, 3D (Z, Y, X) a volume (as gips.FromArray reads them), 4D
// (C, Z, Y, X) a volume of C channels (RGB when C is 3, grey when C is 1,
// multi-channel otherwise), 5D (T, C, Z, Y, X) a sequence of such (a
// volume when Z > 1); bool gives Binary. A 4D array could also be
// (T, Z, Y, X) or (T, C, Y, X), so Save writes those two geometries in 5D,
// (T, 1, Z, Y, X) and (T, C, 1, Y, X); then every 4D or 5D geometry gips
// writes reads back as it was, except for what the shape cannot say:
// three channels read back as RGB, one channel as grey, a volume of one
// slice in a sequence as 2D. 2D and 3D shapes are written as numpy users expect them: a 2D RGB
// image (3, Y, X) or a 2D sequence (T, Y, X) reads back as a volume.
//
// Calibration: the pixel size is 1/XResolution and 1/YResolution; the z
// step and the unit come from ImageJ's spacing= and unit= (or the TIFF
// resolution unit, "inch" or "cm", when there is no ImageJ metadata).
//
// # Writing
//
// Save picks the format from the extension (.tif/.tiff, .npy, .png, .raw)
// and is atomic: it writes a temporary file in the same folder and renames
// it, so a failure never leaves a half-written file nor destroys the one
// it would replace. TIFF files are written in native byte order, all pixel
// data first in one contiguous run then the IFDs, with ImageJ hyperstack
// metadata and resolution tags so that tifffile (imagej=True files) and
// ImageJ see the same channels, slices, frames and calibration; BigTIFF is
// chosen past 4 GiB or on request. Options select deflate compression, the
// horizontal predictor (integer types) and chunky RGB. Binary is written
// as 1-bit TIFF, bool .npy and 0/255 PNG. Label types are written as their
// storage type, so they load back as plain unsigned images.
//
// # Hostile files
//
// Every size and offset a file claims is checked against the file's length
// before anything is allocated for it, and the decoded size (of a page, a
// tile, a PNG) against the most the compression can expand the stored
// bytes; IFD chains that loop are refused.
//
// ImageJ counts (images=, channels=, slices=, frames=) must be positive
// and their product must not overflow. When channels, slices and frames do
// not account for every page, the pages are read as z slices: tifffile
// too falls back to the pages that exist. A single-IFD ImageJ stack
// (images= pages back to back after the first) is refused when its claimed
// pixels reach the header, an IFD or a tag value, where tifffile would
// read those bytes as pixels; and Open refuses any page whose pixels
// overlap them, so that a read-write mapping never overwrites the file's
// structure.
//
// A .npy header is parsed as the Python literal that numpy reads, but
// strictly: exactly the keys descr, fortran_order and shape, each once
// (numpy keeps the last of a duplicated key), plain literals (True/False,
// tuples of decimal integers such as (), (3,) and (3, 4)), nothing after
// the dictionary, at most numpy's 10000 bytes. Whatever this package
// accepts, numpy reads the same way.
//
// Errors wrap ErrCorrupt, ErrUnsupported, ErrFormat or ErrNotMappable with
// the page and field at fault.
package imageio
