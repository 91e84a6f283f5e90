package gips

import (
	"errors"
	"slices"
	"testing"
	"unsafe"
)

// ramp is a uint16 buffer of n distinct values.
func ramp(n int) []uint16 {
	s := make([]uint16, n)
	for i := range s {
		s[i] = uint16(i*7 + 3)
	}
	return s
}

// arrayIndex is the (z, y, x) or (y, x) index of a grey image's voxel.
func arrayIndex(a Array, x, y, z int) []int {
	if len(a.Shape) == 2 {
		return []int{y, x}
	}
	return []int{z, y, x}
}

// checkValues: the image holds the array's values at every voxel.
func checkValues(t *testing.T, img *Image, a Array) {
	t.Helper()
	ps, err := Planes[uint16](img)
	if err != nil {
		t.Fatal(err)
	}
	for z, p := range ps {
		for y := 0; y < p.Height; y++ {
			for x := 0; x < p.Width; x++ {
				if got, want := float64(p.At(x, y)), a.Get(arrayIndex(a, x, y, z)...); got != want {
					t.Fatalf("voxel (%d,%d,%d) = %v, array says %v", x, y, z, got, want)
				}
			}
		}
	}
}

// checkShared: a write through the image is read back through the array,
// and a write through the array is read back through the image, at every
// voxel: the two are the same memory.
func checkShared(t *testing.T, img *Image, a Array) {
	t.Helper()
	if ok, copied := img.Shared(); !ok {
		t.Fatalf("Shared() = false, copied planes %v", copied)
	}
	ps, _ := Planes[uint16](img)
	for z, p := range ps {
		for y := 0; y < p.Height; y++ {
			for x := 0; x < p.Width; x++ {
				idx := arrayIndex(a, x, y, z)
				v := uint16(1000 + x + 10*y + 100*z)
				p.Set(x, y, v)
				if got := a.Get(idx...); got != float64(v) {
					t.Fatalf("image write at (%d,%d,%d) not seen in array: %v", x, y, z, got)
				}
				a.Put(float64(v+1), idx...)
				if got := p.At(x, y); got != v+1 {
					t.Fatalf("array write at %v not seen in image: %v", idx, got)
				}
			}
		}
	}
}

func TestReferenceExampleCreateImageErase(t *testing.T) {
	img, err := CreateImage(Geometry2d(UInt8, 5, 7))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := img.Array()
	a.Put(9, 6, 4) // make sure EraseImg really writes
	if err := EraseImg(img, 0); err != nil {
		t.Fatal(err)
	}
	a, err = img.Array()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Shape, []int{7, 5}) || a.DType != "|u1" {
		t.Fatalf("array shape %v dtype %s, want (7, 5) |u1", a.Shape, a.DType)
	}
	for y := 0; y < 7; y++ {
		for x := 0; x < 5; x++ {
			if a.Get(y, x) != 0 {
				t.Fatalf("a[%d,%d] = %v after eraseImg(0)", y, x, a.Get(y, x))
			}
		}
	}
}

func TestReferenceExampleFromArrayInt16(t *testing.T) {
	data := make([]int16, 3*5*2) // np.empty([3, 5, 2], np.int16); fill(0)
	a := ArrayOf(data, 3, 5, 2)
	img, err := FromArray(a)
	if err != nil {
		t.Fatal(err)
	}
	if g := img.Geometry(); g.SizeX != 2 || g.SizeY != 5 || g.SizeZ != 3 || g.Type != Int16 {
		t.Fatalf("geometry %v, want Int16 2x5x3", g)
	}
	ia, err := img.Array()
	if err != nil {
		t.Fatal(err)
	}
	ia.Put(25, 2, 3, 1) // img.array[2, 3, 1] = 25
	if data[2*10+3*2+1] != 25 {
		t.Fatal("write through the image's array not seen in the original")
	}
	data[1*10+4*2+0] = -7 // a[1, 4, 0] = -7
	if ia.Get(1, 4, 0) != -7 {
		t.Fatal("write through the original not seen by the image")
	}
}

func TestReferenceExample4DArrayAsRgbVolume(t *testing.T) {
	// numpy (3, Z=4, Y=5, X=6) wrapped with a geometry given x first.
	data := make([]float32, 3*4*5*6)
	for i := range data {
		data[i] = float32(i)
	}
	img, err := FromArrayGeometry(ArrayOf(data, 3, 4, 5, 6), GeometryRgb3d(Real32, 6, 5, 4))
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlaneAt[float32](img, 2, 1, 0) // z=2, green
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.At(3, 4), data[((1*4+2)*5+4)*6+3]; got != want {
		t.Fatalf("green z=2 (3,4) = %v, want %v", got, want)
	}
	a, _ := img.Array()
	if !slices.Equal(a.Shape, []int{3, 4, 5, 6}) {
		t.Fatalf("array shape %v", a.Shape)
	}
	if _, err := FromArrayGeometry(ArrayOf(data, 3, 4, 5, 6), GeometryRgb3d(Real32, 4, 5, 6)); !errors.Is(err, ErrShape) {
		t.Fatalf("sizes given z first: %v, want ErrShape", err)
	}
}

// The zero-copy layouts: every one must be shared both ways.
func TestFromArraySharesEveryStridedLayout(t *testing.T) {
	const Z, Y, X = 3, 4, 5
	parent := func(z, y, x int) Array { return ArrayOf(ramp(z*y*x), z, y, x) }
	cases := map[string]Array{
		"contiguous":         parent(Z, Y, X),
		"row padding":        parent(Z, Y, X+3).Slice(2, 0, X, 1),
		"column padding":     parent(Z, Y+2, X).Slice(1, 1, Y+1, 1),
		"plane padding":      parent(Z+2, Y, X).Slice(0, 0, Z+2, 2).Slice(0, 0, Z, 1),
		"every padding":      parent(Z+1, Y+1, X+2).Slice(0, 1, Z+1, 1).Slice(1, 0, Y, 1).Slice(2, 2, X+2, 1),
		"negative rows":      parent(Z, Y, X).Reverse(1),
		"negative planes":    parent(Z, Y, X).Reverse(0),
		"negative both":      parent(Z, Y, X).Reverse(0).Reverse(1),
		"planes every other": parent(2*Z, Y, X).Slice(0, 1, 2*Z, 2),
		"rows every other":   parent(Z, 2*Y, X).Slice(1, 0, 2*Y, 2),
		"transposed y z":     parent(Y, Z, X).Transpose(1, 0, 2),
		"2D":                 ArrayOf(ramp(Y*X), Y, X),
		"2D padded flipped":  ArrayOf(ramp(Y*(X+4)), Y, X+4).Slice(1, 1, X+1, 1).Reverse(0),
	}
	for name, a := range cases {
		t.Run(name, func(t *testing.T) {
			img, err := FromArray(a, Strict)
			if err != nil {
				t.Fatal(err)
			}
			checkValues(t, img, a)
			checkShared(t, img, a)
			// The image's own array describes the same memory the same way.
			ia, err := img.Array()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ia.Shape, a.Shape) {
				t.Fatalf("image array shape %v, source %v", ia.Shape, a.Shape)
			}
			if ia.Pointer() != a.Pointer() || !slices.Equal(ia.Strides, a.Strides) {
				t.Fatalf("image array at %p strides %v, source at %p strides %v", ia.Pointer(), ia.Strides, a.Pointer(), a.Strides)
			}
		})
	}
}

func TestFromArrayCopiesOnlyUnshareablePlanesAndSyncs(t *testing.T) {
	const Z, Y, X = 3, 4, 5
	src := ramp(Z * Y * 2 * X)
	a := ArrayOf(src, Z, Y, 2*X).Slice(2, 0, 2*X, 2) // a[:, :, ::2]
	if _, err := FromArray(a, Strict); !errors.Is(err, ErrCopyRequired) {
		t.Fatalf("strict: %v, want ErrCopyRequired", err)
	}
	img, err := FromArray(a)
	if err != nil {
		t.Fatal(err)
	}
	checkValues(t, img, a)
	ok, copied := img.Shared()
	if ok || !slices.Equal(copied, []int{0, 1, 2}) {
		t.Fatalf("Shared() = %v %v, want false [0 1 2]", ok, copied)
	}
	p, _ := PlaneAt[uint16](img, 1, 0, 0)
	p.Set(2, 3, 4242)
	if a.Get(1, 3, 2) == 4242 {
		t.Fatal("a copied plane wrote through before Sync")
	}
	if err := img.Sync(); err != nil {
		t.Fatal(err)
	}
	if a.Get(1, 3, 2) != 4242 {
		t.Fatal("Sync did not write the copy back")
	}
	// The odd columns that the view skips are untouched.
	for i := 1; i < len(src); i += 2 {
		if src[i] != uint16(i*7+3) {
			t.Fatalf("Sync wrote outside the view at %d", i)
		}
	}
	// All planes copied: the copy block is one array.
	if ia, err := img.Array(); err != nil || !slices.Equal(ia.Shape, []int{Z, Y, X}) {
		t.Fatalf("Array of an all-copied image: %v %v", ia.Shape, err)
	}
}

func TestFromArrayCopiesSomePlanes(t *testing.T) {
	// A list of planes, one of them misaligned: only that one is copied.
	good := ArrayOf(ramp(4*5), 4, 5)
	raw := make([]uint16, 4*5+1)
	b := unsafe.Slice((*byte)(unsafe.Pointer(&raw[0])), 2*len(raw))
	for i := range b {
		b[i] = byte(i)
	}
	mis := Array{DType: "<u2", Shape: []int{4, 5}, Strides: []int{10, 2}, Data: b, Offset: 1}
	img, err := FromPlanes([]Array{good, mis, good})
	if err != nil {
		t.Fatal(err)
	}
	if ok, copied := img.Shared(); ok || !slices.Equal(copied, []int{1}) {
		t.Fatalf("Shared() = %v %v, want false [1]", ok, copied)
	}
	p, _ := PlaneAt[uint16](img, 1, 0, 0)
	if float64(p.At(3, 2)) != mis.Get(2, 3) {
		t.Fatalf("misaligned plane value %v, want %v", p.At(3, 2), mis.Get(2, 3))
	}
	p0, _ := PlaneAt[uint16](img, 0, 0, 0)
	p2, _ := PlaneAt[uint16](img, 2, 0, 0)
	p0.Set(0, 0, 77)
	if p2.At(0, 0) != 77 || good.Get(0, 0) != 77 {
		t.Fatal("planes 0 and 2 should share the same source memory")
	}
	if _, err := img.Array(); !errors.Is(err, ErrNotStrided) {
		t.Fatalf("Array of separate planes: %v, want ErrNotStrided", err)
	}
	pa := img.PlaneArrays()
	if len(pa) != 3 || pa[2].Pointer() != good.Pointer() {
		t.Fatal("PlaneArrays should describe each plane on its own memory")
	}
	p.Set(0, 0, 0xBEEF)
	if err := img.Sync(); err != nil {
		t.Fatal(err)
	}
	if mis.Get(0, 0) != 0xBEEF {
		t.Fatal("Sync of the misaligned plane")
	}
}

func TestFromArraySwappedByteOrder(t *testing.T) {
	vals := []uint16{0x0102, 0x0304, 0xA0B0, 0xFFFE, 7, 256}
	b := make([]byte, 2*len(vals))
	for i, v := range vals {
		b[2*i], b[2*i+1] = byte(v>>8), byte(v) // big-endian
	}
	a := Array{DType: ">u2", Shape: []int{2, 3}, Strides: []int{6, 2}, Data: b}
	if _, err := FromArray(a, Strict); !errors.Is(err, ErrCopyRequired) {
		t.Fatalf("strict big-endian: %v", err)
	}
	img, err := FromArray(a)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := PlaneAt[uint16](img, 0, 0, 0)
	for i, v := range vals {
		if p.At(i%3, i/3) != v {
			t.Fatalf("pixel %d = %#x, want %#x", i, p.At(i%3, i/3), v)
		}
	}
	p.Set(1, 1, 0x1234)
	if err := img.Sync(); err != nil {
		t.Fatal(err)
	}
	if b[8] != 0x12 || b[9] != 0x34 {
		t.Fatalf("Sync wrote % x, want big-endian 12 34", b[8:10])
	}
}

func TestFromArrayReadOnly(t *testing.T) {
	data := ramp(12)
	a := ArrayOf(data, 3, 4)
	a.ReadOnly = true
	img, err := FromArray(a)
	if err != nil {
		t.Fatal(err)
	}
	if !img.ReadOnly() {
		t.Fatal("image of a read-only array is writable")
	}
	if err := EraseImg(img, 0); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("EraseImg on read-only: %v", err)
	}
	if _, err := WritablePlanes[uint16](img); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("WritablePlanes on read-only: %v", err)
	}
	dst, _ := CreateImage(img.Geometry())
	if err := CopyImg(dst, img); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("CopyImg into read-only: %v", err)
	}
	if !slices.Equal(data, ramp(12)) {
		t.Fatal("a read-only source was written")
	}
	if ia, _ := img.Array(); !ia.ReadOnly {
		t.Fatal("the array of a read-only image must say read-only")
	}
	// A read-only source that needs copies cannot be synced back.
	b := ArrayOf(ramp(24), 3, 8).Slice(1, 0, 8, 2)
	b.ReadOnly = true
	img2, err := FromArray(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := img2.Sync(); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("Sync into read-only: %v", err)
	}
}

func TestFromArrayFamilyConstraints(t *testing.T) {
	u16 := func(shape ...int) Array {
		n := 1
		for _, s := range shape {
			n *= s
		}
		return ArrayOf(make([]uint16, n), shape...)
	}
	f32 := ArrayOf(make([]float32, 12), 3, 4)
	b1 := ArrayOf(make([]uint8, 12), 3, 4)
	b1.DType = "|b1"
	i64 := Array{DType: "<i8", Shape: []int{2, 2}, Strides: []int{16, 8}, Data: make([]byte, 32)}
	cases := []struct {
		name string
		err  error
		call func() (*Image, error)
	}{
		{"fromArray 1D", ErrShape, func() (*Image, error) { return FromArray(u16(5)) }},
		{"fromArray 4D", ErrShape, func() (*Image, error) { return FromArray(u16(2, 2, 2, 2)) }},
		{"fromArray int64", ErrDType, func() (*Image, error) { return FromArray(i64) }},
		{"fromArray empty", ErrGeometry, func() (*Image, error) { return FromArray(u16(0, 3)) }},
		{"fromRgbArray 2D", ErrShape, func() (*Image, error) { return FromRgbArray(u16(3, 4)) }},
		{"fromRgbArray first dim 4", ErrShape, func() (*Image, error) { return FromRgbArray(u16(4, 5, 6)) }},
		{"fromRgbArray channels last", ErrShape, func() (*Image, error) { return FromRgbArray(u16(5, 6, 3)) }},
		{"fromBinaryArray uint16", ErrDType, func() (*Image, error) { return FromBinaryArray(u16(3, 4)) }},
		{"fromBinaryArray float32", ErrDType, func() (*Image, error) { return FromBinaryArray(f32) }},
		{"fromBinaryArray 4D", ErrShape, func() (*Image, error) {
			a := ArrayOf(make([]uint8, 16), 2, 2, 2, 2)
			return FromBinaryArray(a)
		}},
		{"fromLabelArray float32", ErrDType, func() (*Image, error) { return FromLabelArray(f32) }},
		{"fromLabelArray bool", ErrDType, func() (*Image, error) { return FromLabelArray(b1) }},
		{"fromLabelArray uint8", ErrDType, func() (*Image, error) { return FromLabelArray(ArrayOf(make([]uint8, 4), 2, 2)) }},
		{"fromLabelArray int32", ErrDType, func() (*Image, error) { return FromLabelArray(ArrayOf(make([]int32, 4), 2, 2)) }},
		{"fromLabelArray 1D", ErrShape, func() (*Image, error) { return FromLabelArray(u16(4)) }},
		{"geometry size mismatch", ErrShape, func() (*Image, error) { return FromArrayGeometry(u16(3, 4), Geometry2d(UInt16, 3, 4)) }},
		{"geometry dtype mismatch", ErrDType, func() (*Image, error) { return FromArrayGeometry(f32, Geometry2d(UInt16, 4, 3)) }},
		{"geometry invalid", ErrGeometry, func() (*Image, error) { return FromArrayGeometry(u16(3, 4), Geometry2d(UInt16, 0, 3)) }},
		{"strides past the buffer", ErrShape, func() (*Image, error) {
			a := u16(3, 4)
			a.Strides[0] = 100
			return FromArray(a)
		}},
		{"shape without strides", ErrShape, func() (*Image, error) {
			a := u16(3, 4)
			a.Strides = a.Strides[:1]
			return FromArray(a)
		}},
		{"hostile stride", ErrShape, func() (*Image, error) {
			a := u16(3, 4)
			a.Strides[0] = 1 << 62
			return FromArray(a)
		}},
		{"fromPlanes mixed shapes", ErrShape, func() (*Image, error) { return FromPlanes([]Array{u16(3, 4), u16(4, 3)}) }},
		{"fromPlanes none", ErrShape, func() (*Image, error) { return FromPlanes(nil) }},
	}
	for _, c := range cases {
		img, err := c.call()
		if !errors.Is(err, c.err) {
			t.Errorf("%s: error %v, want %v", c.name, err, c.err)
		}
		if img != nil {
			t.Errorf("%s: an image came back with the error", c.name)
		}
	}
	// The message names the shape and dtype the caller passed.
	_, err := FromRgbArray(u16(4, 5, 6))
	if err == nil || !containsAll(err.Error(), "fromRgbArray", "[4 5 6]", "<u2", "first dimension 3") {
		t.Errorf("message %q does not name the rule, shape and dtype", err)
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !contains(s, p) {
			return false
		}
	}
	return true
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestFromBinaryAndLabelArrays(t *testing.T) {
	raw := []uint8{0, 1, 1, 0, 1, 0}
	a := ArrayOf(raw, 2, 3)
	a.DType = "|b1"
	img, err := FromBinaryArray(a, Strict)
	if err != nil || img.Type() != Binary {
		t.Fatalf("bool array: %v %v", img, err)
	}
	ia, _ := img.Array()
	if ia.DType != "|b1" || ia.Pointer() != a.Pointer() {
		t.Fatalf("bool array comes back as %s at %p", ia.DType, ia.Pointer())
	}
	for _, dt := range []DType{"|u1", "|i1"} {
		a.DType = dt
		if img, err := FromBinaryArray(a, Strict); err != nil || img.Type() != Binary {
			t.Fatalf("%s binary: %v", dt, err)
		}
	}
	l16, err := FromLabelArray(ArrayOf(make([]uint16, 6), 2, 3), Strict)
	if err != nil || l16.Type() != Label16 {
		t.Fatalf("uint16 labels: %v %v", l16, err)
	}
	l32, err := FromLabelArray(ArrayOf(make([]uint32, 24), 2, 3, 4), Strict)
	if err != nil || l32.Type() != Label32 || l32.SizeZ() != 2 {
		t.Fatalf("uint32 label volume: %v %v", l32, err)
	}
	rgb, err := FromRgbArray(ArrayOf(make([]uint8, 3*4*5), 3, 4, 5), Strict)
	if err != nil || rgb.SizeC() != 3 || rgb.Geometry().Color != RGB || rgb.SizeX() != 5 {
		t.Fatalf("rgb: %v %v", rgb, err)
	}
}

func TestArrayAtDescribesForeignMemory(t *testing.T) {
	data := ramp(4 * 6)
	// numpy's a[::-1] of a (4, 6) array: data points at the last row.
	p := unsafe.Pointer(&data[3*6])
	a, err := ArrayAt(p, "<u2", []int{4, 6}, []int{-12, 2}, false)
	if err != nil {
		t.Fatal(err)
	}
	img, err := FromArray(a, Strict)
	if err != nil {
		t.Fatal(err)
	}
	pl, _ := PlaneAt[uint16](img, 0, 0, 0)
	if pl.At(0, 0) != data[18] || pl.At(5, 3) != data[5] {
		t.Fatal("flipped foreign memory read wrongly")
	}
	if _, err := ArrayAt(nil, "<u2", []int{4, 6}, []int{12, 2}, false); !errors.Is(err, ErrShape) {
		t.Fatalf("null pointer: %v", err)
	}
	if _, err := ArrayAt(p, "<u2", []int{4, 6}, []int{12, 1 << 50}, false); !errors.Is(err, ErrShape) {
		t.Fatalf("hostile stride: %v", err)
	}
}

func TestFromArrayEveryDTypeBothByteOrders(t *testing.T) {
	for _, kind := range []string{"u1", "i1", "u2", "i2", "u4", "i4", "f4", "f8"} {
		for _, order := range []string{"<", ">"} {
			dt := DType(order + kind)
			isz := dt.ItemSize()
			const Y, X = 3, 5
			buf, _ := alloc(Real64, Y*X*2) // room for a step-2 view too
			for i := range buf {
				buf[i] = byte(i*37 + 11)
			}
			// Plain and every-other-pixel layouts.
			for _, xs := range []int{isz, 2 * isz} {
				a := Array{DType: dt, Shape: []int{Y, X}, Strides: []int{2 * X * isz, xs}, Data: buf}
				img, err := FromArray(a)
				if err != nil {
					t.Fatalf("%s xs=%d: %v", dt, xs, err)
				}
				got := img.PlaneArrays()[0]
				for y := 0; y < Y; y++ {
					for x := 0; x < X; x++ {
						g, w := got.Get(y, x), a.Get(y, x)
						if g != w && !(g != g && w != w) {
							t.Fatalf("%s xs=%d (%d,%d): %v, want %v", dt, xs, x, y, g, w)
						}
					}
				}
				shared, _ := img.Shared()
				if want := xs == isz && (dt.Native() || isz == 1); shared != want {
					t.Fatalf("%s xs=%d: shared %v, want %v", dt, xs, shared, want)
				}
			}
		}
	}
}

func TestFromPlanesGeometryHyperstack(t *testing.T) {
	g := GeometryMultiChannel3d(UInt16, 4, 3, 2, 2)
	var planes []Array
	for i := 0; i < g.Planes(); i++ {
		planes = append(planes, ArrayOf(ramp(12 + i)[i:], 3, 4)) // each its own slice
	}
	img, err := FromPlanesGeometry(planes, g, Strict)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range planes {
		z, c, tt := g.PlaneCoords(i)
		p, _ := PlaneAt[uint16](img, z, c, tt)
		if float64(p.At(1, 2)) != a.Get(2, 1) || img.PlaneArrays()[i].Pointer() != a.Pointer() {
			t.Fatalf("plane %d (z=%d c=%d) is not its array", i, z, c)
		}
	}
	if _, err := FromPlanesGeometry(planes[:3], g); !errors.Is(err, ErrShape) {
		t.Fatalf("3 planes for 4: %v", err)
	}
}

func TestArraysKeepTheirOwnerAlive(t *testing.T) {
	owner := &struct{ name string }{"mapping"}
	a := ArrayOf(ramp(6), 2, 3)
	a.Keep = owner
	img, err := FromArray(a)
	if err != nil {
		t.Fatal(err)
	}
	if img.keep != owner {
		t.Fatal("the image does not hold the array's owner")
	}
	back, _ := img.Array()
	if back.Keep != img || img.PlaneArrays()[0].Keep != img {
		t.Fatal("arrays taken from an image must hold the image")
	}
}
