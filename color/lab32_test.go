package color

import (
	"math"
	"math/rand/v2"
	"testing"
)

// lab32Inputs are rgbToLab's test inputs: every 8-bit triple (a 1/7
// sample of them with -short) as float32 v/255, then random floats in
// [0, 1] and slightly outside, the gamma's and cube root's thresholds and
// their neighbours.
func lab32Inputs(t *testing.T) (r, g, b []float32) {
	step := 1
	if testing.Short() {
		step = 7
	}
	for i := 0; i < 1<<24; i += step {
		r = append(r, float32(i>>16)/255)
		g = append(g, float32(i>>8&0xff)/255)
		b = append(b, float32(i&0xff)/255)
	}
	rng := rand.New(rand.NewPCG(31, 32))
	edges := []float32{0.04045, 0, 1, 1e-30, -0.01, 1.01, 2, -2}
	for range 1 << 16 {
		var v [3]float32
		for c := range v {
			switch rng.IntN(4) {
			case 0:
				e := edges[rng.IntN(len(edges))]
				v[c] = math.Nextafter32(e, float32(rng.IntN(3)-1)*10)
			case 1:
				v[c] = rng.Float32()*1.2 - 0.1
			default:
				v[c] = rng.Float32()
			}
		}
		r, g, b = append(r, v[0]), append(g, v[1]), append(b, v[2])
	}
	return r, g, b
}

// TestLab32Accuracy: float32 rgbToLab (labRow32) within 1e-5 of the
// float64 formula's L and 2e-5 of its a and b (about a float32 ulp), and
// labToRgb (rgbFromLabRow32) of the float64 Lab of those inputs rounded
// to float32 within 2.5e-7 of the float64 formula (two ulps of 1), with
// the AVX2 loops where there are some and in Go.
func TestLab32Accuracy(t *testing.T) {
	r, g, b := lab32Inputs(t)
	n := len(r)
	var lab64 [3][]float64
	var lab32 [3][]float32
	for c := range 3 {
		lab64[c], lab32[c] = make([]float64, n), make([]float32, n)
	}
	for i := range n {
		lab64[0][i], lab64[1][i], lab64[2][i] = lab(float64(r[i]), float64(g[i]), float64(b[i]))
		for c := range 3 {
			lab32[c][i] = float32(lab64[c][i])
		}
	}
	for _, goOnly := range []bool{false, true} {
		useGo = goOnly
		var o [3][]float32
		for c := range 3 {
			o[c] = make([]float32, n)
		}
		labRow32(o[0], o[1], o[2], r, g, b)
		var worst [3]float64
		for c, tol := range [3]float64{1e-5, 2e-5, 2e-5} {
			for i := range n {
				d := math.Abs(float64(o[c][i]) - lab64[c][i])
				worst[c] = max(worst[c], d)
				if !(d <= tol) {
					t.Fatalf("rgbToLab (Go only %v) of (%v, %v, %v) channel %d: %v, float64 %v", goOnly, r[i], g[i], b[i], c, o[c][i], lab64[c][i])
				}
			}
		}
		t.Logf("rgbToLab float32 (Go only %v): worst L, a, b %.3g", goOnly, worst)
		rgbFromLabRow32(o[0], o[1], o[2], lab32[0], lab32[1], lab32[2])
		worst = [3]float64{}
		for i := range n {
			w0, w1, w2 := rgbFromLab(float64(lab32[0][i]), float64(lab32[1][i]), float64(lab32[2][i]))
			for c, w := range [3]float64{w0, w1, w2} {
				d := math.Abs(float64(o[c][i]) - w)
				worst[c] = max(worst[c], d)
				if !(d <= 2.5e-7) {
					t.Fatalf("labToRgb (Go only %v) of (%v, %v, %v) channel %d: %v, float64 %v", goOnly, lab32[0][i], lab32[1][i], lab32[2][i], c, o[c][i], w)
				}
			}
		}
		t.Logf("labToRgb float32 (Go only %v): worst r, g, b %.3g", goOnly, worst)
	}
	useGo = false
}
