package main

import (
	"fmt"
	"io"
	"os"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
	"github.com/gipsdev/gips/util"
)

// cmdInfo describes image files: what the image is, and how its planes
// lie in memory when mapped in place (or that it had to be loaded).
func cmdInfo(args []string, w io.Writer) error {
	if len(args) == 0 {
		return usagef("info: no file")
	}
	for i, path := range args {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := info(path, w); err != nil {
			return err
		}
	}
	return nil
}

func info(path string, w io.Writer) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("info: %w", err)
	}
	img, how, closeFn, err := openImage(path)
	if err != nil {
		return fmt.Errorf("info: %w", err)
	}
	defer closeFn()
	g := img.Geometry()
	dt, _ := gips.DTypeOf(g.Type)
	c := img.Calibration()
	fmt.Fprintf(w, "file        %s (%s, %s)\n", path, humanBytes(st.Size()), how)
	fmt.Fprintf(w, "geometry    %v\n", g)
	fmt.Fprintf(w, "numpy       shape %v dtype %s\n", g.Shape(), dt)
	fmt.Fprintf(w, "calibration %g x %g x %g %s\n", c.X, c.Y, c.Z, c.Unit)
	fmt.Fprintf(w, "layout      %s\n", layout(img))
	lo, hi, err := util.MinMaxOf(img)
	if err != nil {
		return fmt.Errorf("info %s: %w", path, err)
	}
	fmt.Fprintf(w, "range       %g .. %g\n", lo, hi)
	return nil
}

// openImage maps the file in place when its format allows, and loads it
// otherwise; closeFn closes the file (its mapping goes once nothing uses it).
func openImage(path string) (img *gips.Image, how string, closeFn func() error, err error) {
	if d, err := imageio.Open(path, imageio.ReadOnly); err == nil {
		return d.Image, "mapped in place", d.Close, nil
	}
	img, err = imageio.Load(path)
	if err != nil {
		return nil, "", nil, err
	}
	return img, "loaded into memory", func() error { return nil }, nil
}

// layout says how the planes lie: one strided block (as numpy would see
// it) or separate planes, and which planes had to be copied.
func layout(img *gips.Image) string {
	s := fmt.Sprintf("%d planes, row stride %d B", img.NumPlanes(), img.PlaneRowStride(0))
	if a, err := img.Array(); err == nil {
		s += fmt.Sprintf(", one strided block (numpy strides %v)", a.Strides)
	} else {
		s += ", planes not evenly spaced (no single numpy array)"
	}
	if ok, copied := img.Shared(); !ok {
		s += fmt.Sprintf(", %d planes copied", len(copied))
	}
	if img.ReadOnly() {
		s += ", read-only"
	}
	return s
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
