package filter_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/filter"
)

func ExampleSobel() {
	// A vertical step, numpy layout (Y, X) = (3, 5).
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{
		0, 0, 9, 9, 9,
		0, 0, 9, 9, 9,
		0, 0, 9, 9, 9,
	}, 3, 5))

	dx, _ := filter.Sobel(img, filter.AxisX, false) // scipy.ndimage.sobel(a, axis=-1), Real32
	p, _ := gips.Planes[float32](dx)
	fmt.Println(dx.Type(), p[0].Row(1))

	// skimage.filters.sobel of the image as floats: the magnitude with
	// skimage's normalisation (values checked against skimage 0.19.3).
	mag, _ := filter.Sobel(img, filter.Magnitude, true)
	p, _ = gips.Planes[float32](mag)
	fmt.Printf("%.4f\n", p[0].Row(1))
	// Output:
	// Real32 [0 36 36 0 0]
	// [0.0000 6.3640 6.3640 0.0000 0.0000]
}

func ExampleHessianEigenvalues() {
	// A bright line along x: across it (y) the intensity has a maximum, so
	// the smaller eigenvalue is strongly negative on the line.
	data := make([]float32, 7*9)
	for x := range 9 {
		data[3*9+x] = 10
	}
	img, _ := gips.FromArray(gips.ArrayOf(data, 7, 9))

	// skimage 0.19.3: hessian_matrix_eigvals(hessian_matrix(a, 1, mode="nearest")).
	eig, _ := filter.HessianEigenvalues(img, 1, filter.WithMode(filter.Nearest))
	fmt.Println(eig.Geometry().Shape()) // (ndim, Y, X), as skimage
	p, _ := gips.Planes[float32](eig)
	fmt.Printf("largest %.3f, smallest %.3f\n", p[0].At(4, 3), p[1].At(4, 3))
	// Output:
	// [2 7 9]
	// largest 0.000, smallest -1.725
}
