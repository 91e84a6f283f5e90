package arith

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// check verifies what every arith op needs: numeric sources of one type
// and one set of sizes, and a writable destination of the same geometry.
func check(op string, dst *gips.Image, srcs ...*gips.Image) error {
	a := srcs[0].Geometry()
	if !numeric(a.Type) {
		return fmt.Errorf("%s: %v image: arith takes UInt8 ... Real64 (convert Binary and label images first): %w", op, a.Type, gips.ErrBufferType)
	}
	for i := 1; i <= len(srcs); i++ {
		s := dst // the sources after the first, then dst (no list made for it)
		if i < len(srcs) {
			s = srcs[i]
		}
		g := s.Geometry()
		if g.Type != a.Type {
			return fmt.Errorf("%s: images of types %v and %v: the types must be equal (convert first): %w", op, a.Type, g.Type, gips.ErrBufferType)
		}
		if !g.SameSizes(a) {
			return fmt.Errorf("%s: images %v and %v: the sizes must be equal: %w", op, a, g, gips.ErrShape)
		}
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

func numeric(t gips.BufferType) bool { return t >= gips.UInt8 && t <= gips.Real64 }

// allocating turns a destination-first form into an allocating one.
func allocating(src *gips.Image, to func(dst *gips.Image) error) (*gips.Image, error) {
	out, err := gips.CreateLike(src, 0)
	if err != nil {
		return nil, err
	}
	if err := to(out); err != nil {
		return nil, err
	}
	return out, nil
}
