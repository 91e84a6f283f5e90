package segment

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
)

// Option sets a watershed parameter.
type Option func(*config)

type config struct {
	mask        *gips.Image
	conn        gips.Connectivity
	compactness float64
	line        bool
	rasterTies  bool
	cellsOnly   bool // a marker equals the compact arrays' outside mark
	keyHeap     bool // tests: the exact mode's keyHeap even where packed keys fit
}

// WithMask limits the flooding to the mask's nonzero pixels (a Binary or
// integer image of the image's sizes); markers outside it are dropped and
// pixels outside it are 0 in the output.
func WithMask(m *gips.Image) Option { return func(c *config) { c.mask = m } }

// WithConnectivity sets the neighbours (default gips.Conn4 / Conn6, faces,
// as scikit-image).
func WithConnectivity(conn gips.Connectivity) Option { return func(c *config) { c.conn = conn } }

// WithCompactness adds compactness times the Euclidean distance (in
// pixels) to the pixel's marker to each priority: scikit-image's compact
// watershed. 0 (the default) is the plain watershed.
func WithCompactness(v float64) Option { return func(c *config) { c.compactness = v } }

// WithWatershedLine keeps a one-pixel line of 0 between the regions.
func WithWatershedLine(on bool) Option { return func(c *config) { c.line = on } }

// WithExactTies(false) lets markers of equal value leave the queue in
// raster order (z, y, x, the order scikit-image pushes them) instead of
// the order of scikit-image's binary heap. Every key is then distinct
// from the start, so an 8- or 16-bit image in the plain mode (no
// compactness, no watershed line) floods through the hierarchical queue
// alone, O(1) per pixel, however the markers' values repeat. The result
// is scikit-image's wherever no two markers of one value compete for a
// pixel (always when the markers' values are distinct); where they do,
// the pixels between them may go to the other marker, as a different
// tie order would give them. Other images and modes are unaffected (their
// queue stays scikit-image's heap). Default true: identical output.
func WithExactTies(on bool) Option { return func(c *config) { c.rasterTies = !on } }

func collect(opts []Option) config {
	c := config{conn: 1}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// Watershed floods img from markers: skimage.segmentation.watershed(image,
// markers, connectivity, mask=mask, compactness=..., watershed_line=...)
// of scikit-image 0.19, pixel for pixel. Pixels leave a priority queue in
// order of value (as float64) then age (the order they entered it; the
// markers first, all of age 0), and each unlabelled neighbour, in
// scikit-image's neighbour order, takes the label of the pixel that
// reached it: when it is queued, or, in compact or watershed-line mode,
// when it leaves the queue. The queue is scikit-image's binary heap itself,
// because ties between markers of equal value are broken by its layout.
//
// img is any numeric image, markers an integer or label image of the same
// sizes (0: no marker); the output has the markers' type and holds their
// labels (0 where no marker reaches, outside the mask and on watershed
// lines). Volumes are flooded in 3D; channels and time points separately.
// Working memory: 16 bytes per voxel of one volume (padded by one pixel on
// every side; 8 for the plain and watershed-line watershed of an 8- or
// 16-bit image) plus at most 24 bytes per queue entry.
func Watershed(img, markers *gips.Image, opts ...Option) (*gips.Image, error) {
	out, err := gips.CreateImage(markers.Geometry())
	if err != nil {
		return nil, fmt.Errorf("watershed: %w", err)
	}
	out.SetCalibration(img.Calibration())
	return out, WatershedInto(out, img, markers, opts...)
}

// WatershedInto is Watershed into dst, an integer or label image of img's
// sizes. dst may be markers.
func WatershedInto(dst, img, markers *gips.Image, opts ...Option) error {
	c := collect(opts)
	if err := check(dst, img, markers, c); err != nil {
		return fmt.Errorf("watershed: %w", err)
	}
	g := img.Geometry()
	ndim := 2
	if g.Volume {
		ndim = 3
	}
	conn, _ := c.conn.Resolve(ndim)
	// before any volume is written (dst may be markers)
	c.cellsOnly = holdsOutside(markers)
	if err := flood3(dst, img, markers, g, conn, c); err != nil {
		return fmt.Errorf("watershed: %w", err)
	}
	return nil
}

// flood3 floods each volume of img (channels and time points apart).
func flood3(dst, img, markers *gips.Image, g gips.Geometry, conn gips.Connectivity, c config) error {
	w := newFlood(g, conn, c)
	defer w.release()
	for vol := 0; vol < g.SizeC*g.SizeT; vol++ {
		load, store := w.load, w.store
		if w.plain {
			load, store = w.loadPlain, w.storePlain
		}
		if err := load(img, markers, c.mask, vol*g.SizeZ); err != nil {
			return err
		}
		w.run()
		if err := store(dst, vol*g.SizeZ); err != nil {
			return err
		}
	}
	return nil
}

func sameSizes(a, b gips.Geometry) bool {
	return a.SizeX == b.SizeX && a.SizeY == b.SizeY && a.SizeZ == b.SizeZ && a.SizeC == b.SizeC && a.SizeT == b.SizeT && a.Volume == b.Volume
}

func integer(t gips.BufferType) bool { return t != gips.Binary && !t.IsFloat() && t.Valid() }

func check(dst, img, markers *gips.Image, c config) error {
	g := img.Geometry()
	if !sameSizes(markers.Geometry(), g) {
		return fmt.Errorf("markers %v: want the image's sizes %v: %w", markers.Geometry(), g, gips.ErrShape)
	}
	if !integer(markers.Type()) {
		return fmt.Errorf("markers of type %v: want an integer or label image: %w", markers.Type(), gips.ErrBufferType)
	}
	if c.mask != nil {
		if !sameSizes(c.mask.Geometry(), g) {
			return fmt.Errorf("mask %v: want the image's sizes %v: %w", c.mask.Geometry(), g, gips.ErrShape)
		}
		if c.mask.Type().IsFloat() {
			return fmt.Errorf("mask of type %v: want Binary or an integer image: %w", c.mask.Type(), gips.ErrBufferType)
		}
	}
	if !sameSizes(dst.Geometry(), g) {
		return fmt.Errorf("destination %v: want the image's sizes %v: %w", dst.Geometry(), g, gips.ErrShape)
	}
	if !integer(dst.Type()) {
		return fmt.Errorf("destination of type %v: want an integer or label image: %w", dst.Type(), gips.ErrBufferType)
	}
	if !(c.compactness >= 0) || math.IsInf(c.compactness, 0) {
		return fmt.Errorf("parameter compactness %v: want a finite value >= 0: %w", c.compactness, gips.ErrParam)
	}
	ndim := 2
	if g.Volume {
		ndim = 3
	}
	if _, err := c.conn.Resolve(ndim); err != nil {
		return fmt.Errorf("parameter %w", err)
	}
	p := int64(g.SizeX+2) * int64(g.SizeY+2)
	if g.Volume {
		p *= int64(g.SizeZ + 2)
	}
	if p >= math.MaxInt32 {
		return fmt.Errorf("image %v: a volume of at most 2^31 pixels (padded): %w", g, gips.ErrGeometry)
	}
	return dst.CheckWritable()
}
