package filter

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// randomVolume is a w×h×d volume of bt with random values over the type's
// range (floats: ±1000).
func randomVolume(t *testing.T, rng *rand.Rand, bt gips.BufferType, w, h, d int) *gips.Image {
	t.Helper()
	img, err := gips.CreateImage(gips.Geometry3d(bt, w, h, d))
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := bt.Range()
	if bt.IsFloat() {
		lo, hi = -1000, 1000
	}
	v := make([]float64, w*h*d)
	for i := range v {
		v[i] = math.Floor(lo + rng.Float64()*(hi-lo+1))
	}
	setValues(t, img, v)
	return img
}

// setValues writes v (z, y, x order) into a UInt8, UInt16 or Real32 volume.
func setValues(t *testing.T, img *gips.Image, v []float64) {
	t.Helper()
	switch img.Type() {
	case gips.UInt8:
		setTyped[uint8](t, img, v)
	case gips.UInt16:
		setTyped[uint16](t, img, v)
	case gips.Real32:
		setTyped[float32](t, img, v)
	default:
		t.Fatalf("setValues: %v", img.Type())
	}
}

func setTyped[T gips.Pixel](t *testing.T, img *gips.Image, v []float64) {
	p, err := gips.WritablePlanes[T](img)
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	for _, pl := range p {
		for y := range pl.Height {
			for x := range pl.Width {
				pl.Set(x, y, T(v[i]))
				i++
			}
		}
	}
}

// TestSlabsDoNotChangeResults: the 3D streamed path cuts a volume into
// slabs of rows that are filtered apart; forced down to 1, 2 and 3 rows
// per slab (many slabs, most of them against another's border), every
// filter that runs on it gives bit for bit the one-slab result, which the
// scipy tests check, in every mode.
func TestSlabsDoNotChangeResults(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	type op struct {
		name string
		run  func(img *gips.Image, m Mode) (*gips.Image, error)
	}
	ops := []op{
		{"gradmag 1.5", func(img *gips.Image, m Mode) (*gips.Image, error) {
			return GaussianGradientMagnitude(img, 1.5, WithMode(m))
		}},
		{"laplace (1, 2, 0.7)", func(img *gips.Image, m Mode) (*gips.Image, error) {
			out, err := newOutput("", img, gips.Real32)
			if err != nil {
				return nil, err
			}
			return out, GaussianLaplaceInto(out, img, [3]float64{1, 2, 0.7}, WithMode(m))
		}},
		{"mean 5", func(img *gips.Image, m Mode) (*gips.Image, error) { return Mean(img, 5, WithMode(m)) }},
		{"mean (4, 3, 2)", func(img *gips.Image, m Mode) (*gips.Image, error) { return MeanXYZ(img, 4, 3, 2, WithMode(m)) }},
	}
	defer func(v int) { slabRowsMax = v }(slabRowsMax)
	for _, bt := range []gips.BufferType{gips.UInt8, gips.UInt16, gips.Real32} {
		img := randomVolume(t, rng, bt, 19, 13, 7)
		for _, o := range ops {
			for _, m := range modes {
				slabRowsMax = 0
				want, err := o.run(img, m)
				if err != nil {
					t.Fatal(err)
				}
				wv := imgtest.ImageValues(t, want)
				for _, rows := range []int{1, 2, 3} {
					slabRowsMax = rows
					got, err := o.run(img, m)
					if err != nil {
						t.Fatal(err)
					}
					for i, v := range imgtest.ImageValues(t, got) {
						if math.Float64bits(v) != math.Float64bits(wv[i]) {
							t.Fatalf("%v %s %v, %d rows per slab: pixel %d: %v, one slab %v", bt, o.name, m, rows, i, v, wv[i])
						}
					}
				}
			}
		}
	}
}

// TestMeanVolumeConstantZero: the integer box mean of UInt8 and UInt16
// volumes in Constant mode with cval 0 (the case the scipy comparison,
// which uses cval 7, leaves out of the streamed path) against a
// brute-force sum in the test: the exact mean rounded half away from
// zero. Values near the type's top make the sums as large as they get.
func TestMeanVolumeConstantZero(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 11))
	defer func(v int) { slabRowsMax = v }(slabRowsMax)
	slabRowsMax = 4
	for _, bt := range []gips.BufferType{gips.UInt8, gips.UInt16} {
		w, h, d := 21, 11, 9
		img := randomVolume(t, rng, bt, w, h, d)
		vals := imgtest.ImageValues(t, img)
		_, hi := bt.Range()
		for i := range 60 { // a run of the top value in plane 4
			vals[4*w*h+i] = hi
		}
		setValues(t, img, vals)
		at := func(x, y, z int) int { return int(vals[(z*h+y)*w+x]) }
		for _, s := range [][3]int{{5, 5, 5}, {4, 3, 2}, {1, 5, 3}, {7, 1, 1}} {
			t.Run(fmt.Sprint(bt, s), func(t *testing.T) {
				got, err := MeanXYZ(img, s[0], s[1], s[2], WithMode(Constant))
				if err != nil {
					t.Fatal(err)
				}
				n := s[0] * s[1] * s[2]
				gv := imgtest.ImageValues(t, got)
				for z := range d {
					for y := range h {
						for x := range w {
							sum := 0
							for dz := -(s[2] / 2); dz < s[2]-s[2]/2; dz++ {
								for dy := -(s[1] / 2); dy < s[1]-s[1]/2; dy++ {
									for dx := -(s[0] / 2); dx < s[0]-s[0]/2; dx++ {
										xx, yy, zz := x+dx, y+dy, z+dz
										if xx >= 0 && xx < w && yy >= 0 && yy < h && zz >= 0 && zz < d {
											sum += at(xx, yy, zz)
										}
									}
								}
							}
							want := float64((2*sum + n) / (2 * n))
							if v := gv[(z*h+y)*w+x]; v != want {
								t.Fatalf("(%d, %d, %d): got %v, want %v (sum %d / %d)", x, y, z, v, want, sum, n)
							}
						}
					}
				}
			})
		}
	}
}
