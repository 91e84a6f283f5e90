package ops

import (
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"sync"
	"unsafe"

	"github.com/gipsdev/gips"
)

// Call runs the op registered under name: the one entry point that every
// surface uses. params is a key-value map as Parse takes it (nil for all
// defaults). out may be nil (Call allocates the output, C-contiguous, with
// the calibration of the first input) or a caller-given image of exactly
// the geometry OutputGeometry gives (same sizes and buffer type), which
// Call checks, as it checks the inputs' count and types. Scalar ops take no
// out. A panic inside the op is returned as an error, never passed on.
func Call(name string, inputs []*gips.Image, out *gips.Image, params map[string]any) (Result, error) {
	op, err := Lookup(name)
	if err != nil {
		return Result{}, err
	}
	p, err := op.Parse(params)
	if err != nil {
		return Result{}, err
	}
	return op.Call(inputs, out, p)
}

// geomList is Call's list of input geometries for ops of up to four inputs.
type geomList [4]gips.Geometry

var geomPool = sync.Pool{New: func() any { return new(geomList) }}

// Call is the package-level Call with parameters already parsed.
func (op *Op) Call(inputs []*gips.Image, out *gips.Image, p Values) (res Result, err error) {
	if err := op.checkInputs(inputs); err != nil {
		return Result{}, err
	}
	var geoms []gips.Geometry
	if len(inputs) <= len(geomList{}) {
		// A pooled list: the output rule is a function value, so a stack
		// array passed to it would escape, and this one allocation was a
		// tenth of a small call's bytes.
		l := geomPool.Get().(*geomList)
		defer func() { *l = geomList{}; geomPool.Put(l) }()
		geoms = l[:len(inputs)]
	} else {
		geoms = make([]gips.Geometry, len(inputs))
	}
	for i, img := range inputs {
		geoms[i] = img.Geometry()
	}
	if op.Output == nil {
		if out != nil {
			return Result{}, fmt.Errorf("%s: returns a %s, not an image: give no output image: %w", op.Name, op.Returns, ErrOutput)
		}
	} else {
		g, err := op.outputGeometry(geoms, p)
		if err != nil {
			return Result{}, err
		}
		if out == nil && op.Modifies != "" {
			out = inputs[slices.IndexFunc(op.Inputs, func(in Input) bool { return in.Name == op.Modifies })]
		}
		if out == nil {
			if out, err = gips.CreateImage(g); err != nil {
				return Result{}, fmt.Errorf("%s: output: %w", op.Name, err)
			}
			if len(inputs) > 0 {
				out.SetCalibration(inputs[0].Calibration())
			}
		} else if err := op.checkOutput(inputs, out, g); err != nil {
			return Result{}, err
		}
	}
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok { // a runtime error or a par.Panic: errors.As finds it
				err = fmt.Errorf("%s: internal error: %w\n%s", op.Name, e, debug.Stack())
				return
			}
			err = fmt.Errorf("%s: internal error: %v\n%s", op.Name, r, debug.Stack())
		}
	}()
	res, err = op.Run(inputs, out, p)
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", op.Name, err)
	}
	return res, nil
}

// OutputGeometry is the geometry of the image the op would return for
// inputs of these geometries: what the C API allocates (numpy-owned) before
// it calls the op with that output. A scalar op has none (ErrOutput).
func (op *Op) OutputGeometry(inputs []gips.Geometry, p Values) (gips.Geometry, error) {
	if op.Output == nil {
		return gips.Geometry{}, fmt.Errorf("%s: returns a %s, not an image: %w", op.Name, op.Returns, ErrOutput)
	}
	if len(inputs) != len(op.Inputs) {
		return gips.Geometry{}, fmt.Errorf("%s: %d input images, want %d: %w", op.Name, len(inputs), len(op.Inputs), ErrInput)
	}
	for i, g := range inputs {
		if err := op.checkType(i, g.Type); err != nil {
			return gips.Geometry{}, err
		}
	}
	return op.outputGeometry(inputs, p)
}

func (op *Op) outputGeometry(inputs []gips.Geometry, p Values) (g gips.Geometry, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: output rule: internal error: %v", op.Name, r)
		}
	}()
	g, err = op.Output(inputs, p)
	if err != nil {
		return gips.Geometry{}, fmt.Errorf("%s: %w", op.Name, err)
	}
	if err := g.Validate(); err != nil {
		return gips.Geometry{}, fmt.Errorf("%s: output: %w", op.Name, err)
	}
	return g, nil
}

// HaloOf is the border, in pixels along x, y and z, that each output pixel
// needs for inputs of these geometries and these parameters (zero for
// pointwise and scalar ops). It is clamped to [0, the input's size - 1]
// along each axis: no chunk ever needs more than the whole axis. With no
// geometries (in == nil) it is the halo for inputs of unknown size, only
// made non-negative.
func (op *Op) HaloOf(in []gips.Geometry, p Values) (h [3]int, err error) {
	if op.Halo == nil {
		return h, nil
	}
	if len(in) != 0 && len(in) != len(op.Inputs) {
		return h, fmt.Errorf("%s: %d input geometries, want %d: %w", op.Name, len(in), len(op.Inputs), ErrInput)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: halo rule: internal error: %v", op.Name, r)
		}
	}()
	h = op.Halo(in, p)
	for a := range h {
		h[a] = max(h[a], 0)
	}
	for _, g := range in {
		for a, n := range [3]int{g.SizeX, g.SizeY, g.SizeZ} {
			h[a] = min(max(h[a], 0), max(n-1, 0))
		}
	}
	return h, nil
}

// Halo is HaloOf by name with a parameter map, for the Dask adapter.
func Halo(name string, in []gips.Geometry, params map[string]any) ([3]int, error) {
	op, err := Lookup(name)
	if err != nil {
		return [3]int{}, err
	}
	p, err := op.Parse(params)
	if err != nil {
		return [3]int{}, err
	}
	return op.HaloOf(in, p)
}

func (op *Op) checkInputs(inputs []*gips.Image) error {
	if len(inputs) != len(op.Inputs) {
		return fmt.Errorf("%s: %d input images, want %d (%s): %w", op.Name, len(inputs), len(op.Inputs), op.inputNames(), ErrInput)
	}
	for i, img := range inputs {
		if img == nil {
			return fmt.Errorf("%s: input %s is nil: %w", op.Name, op.Inputs[i].Name, ErrInput)
		}
		if err := op.checkType(i, img.Type()); err != nil {
			return err
		}
	}
	return nil
}

func (op *Op) checkType(i int, t gips.BufferType) error {
	in := op.Inputs[i]
	if in.Types == nil || slices.Contains(in.Types, t) {
		return nil
	}
	return fmt.Errorf("%s: input %s of type %v: the op accepts %v: %w", op.Name, in.Name, t, in.Types, errors.Join(ErrInput, gips.ErrBufferType))
}

func (op *Op) inputNames() string {
	s := ""
	for i, in := range op.Inputs {
		if i > 0 {
			s += ", "
		}
		s += in.Name
	}
	return s
}

func (op *Op) checkOutput(inputs []*gips.Image, out *gips.Image, g gips.Geometry) error {
	o := out.Geometry()
	if o.Type != g.Type || !o.SameSizes(g) {
		return fmt.Errorf("%s: output image %v: want %v: %w", op.Name, o, g, ErrOutput)
	}
	if err := out.CheckWritable(); err != nil {
		return fmt.Errorf("%s: output: %w", op.Name, errors.Join(ErrOutput, err))
	}
	for i, in := range inputs {
		if overlaps(out, in, op.InPlace) {
			return fmt.Errorf("%s: output image shares memory with input %s (only an op that works in place accepts that, and only pixel for pixel): %w",
				op.Name, op.Inputs[i].Name, ErrOutput)
		}
	}
	return nil
}

// extent is the address range of one plane and its first row's address
// and stride, which say whether two overlapping planes are the same pixels.
type extent struct {
	lo, hi, first uintptr
	stride        int
}

// planeExtents gives the extents of img's planes, in buf when it has room
// (a small array on the caller's stack: no allocation for the few-plane
// images of a small call).
func planeExtents(img *gips.Image, buf []extent) []extent {
	g := img.Geometry()
	out := buf[:0]
	if n := img.NumPlanes(); n <= cap(buf) {
		out = buf[:n]
	} else {
		out = make([]extent, n)
	}
	for i := range out {
		a := uintptr(unsafe.Pointer(unsafe.SliceData(img.Row(i, 0))))
		b := uintptr(unsafe.Pointer(unsafe.SliceData(img.Row(i, g.SizeY-1))))
		n := uintptr(len(img.Row(i, 0)))
		out[i] = extent{lo: min(a, b), hi: max(a, b) + n, first: a, stride: img.PlaneRowStride(i)}
	}
	return out
}

// overlaps reports whether out and in share memory in a way the op cannot
// handle: any sharing, or for an in-place op, sharing other than plane i of
// out being exactly plane i of in (same first pixel and row stride).
func overlaps(out, in *gips.Image, inPlace bool) bool {
	var ob, ib [4]extent
	var orderBuf [4]int
	oe, ie := planeExtents(out, ob[:]), planeExtents(in, ib[:])
	order := orderBuf[:0]
	if len(ie) <= len(orderBuf) {
		order = orderBuf[:len(ie)]
	} else {
		order = make([]int, len(ie))
	}
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return compareUintptr(ie[a].lo, ie[b].lo) })
	// Input planes may themselves overlap (a view repeated), so each output
	// plane is checked against every input plane starting below its end.
	for i, o := range oe {
		n, _ := slices.BinarySearchFunc(order, o.hi, func(j int, t uintptr) int { return compareUintptr(ie[j].lo, t) })
		for _, j := range order[:n] {
			e := ie[j]
			if e.hi <= o.lo {
				continue
			}
			if inPlace && j == i && e.first == o.first && e.stride == o.stride {
				continue
			}
			return true
		}
	}
	return false
}

func compareUintptr(a, b uintptr) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
