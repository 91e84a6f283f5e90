package gips

import "testing"

func TestOverlapSeesSharedBytesOnly(t *testing.T) {
	data := make([]uint16, 4*6*8)
	a := ArrayOf(data, 4, 6, 8)
	whole, _ := FromArray(a)
	top, _ := FromArray(a.Slice(0, 0, 2, 1))
	bottom, _ := FromArray(a.Slice(0, 2, 4, 1))
	flipped, _ := FromArray(a.Reverse(1))
	other, _ := CreateImage(whole.Geometry())
	for _, c := range []struct {
		name string
		x, y *Image
		want bool
	}{
		{"itself", whole, whole, true},
		{"planes 0-1 and the whole", top, whole, true},
		{"planes 0-1 and planes 2-3", top, bottom, false},
		{"flipped rows of the same memory", flipped, whole, true},
		{"another allocation", other, whole, false},
	} {
		if got := Overlap(c.x, c.y); got != c.want || Overlap(c.y, c.x) != c.want {
			t.Errorf("%s: Overlap = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestCreateLikeKeepsSizesAndCalibration(t *testing.T) {
	src, _ := CreateImage(Geometry3d(UInt16, 5, 4, 3))
	src.SetCalibration(Calibration{X: 0.5, Y: 0.5, Z: 2, Unit: "um"})
	out, err := CreateLike(src, Real32)
	if err != nil {
		t.Fatal(err)
	}
	if g := out.Geometry(); !g.SameSizes(src.Geometry()) || g.Type != Real32 || !g.Volume {
		t.Errorf("geometry %v from %v", g, src.Geometry())
	}
	if out.Calibration() != src.Calibration() {
		t.Errorf("calibration %v, want %v", out.Calibration(), src.Calibration())
	}
	if Overlap(out, src) {
		t.Error("a new image shares memory with its model")
	}
	same, _ := CreateLike(src, 0)
	if same.Type() != UInt16 {
		t.Errorf("type 0 gives %v, want the model's UInt16", same.Type())
	}
}
