package measure_test

import (
	"fmt"
	"os"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/measure"
)

func Example() {
	// two objects: a 2x2 square (label 3) and a bar of 3 (label 8), whose
	// scikit-image perimeter is 1 pixel (its border pixels are a line)
	labels, _ := gips.FromArray(gips.ArrayOf([]uint16{
		3, 3, 0, 0,
		3, 3, 0, 8,
		0, 0, 0, 8,
		0, 0, 0, 8,
	}, 4, 4))
	labels.SetCalibration(gips.Calibration{X: 0.5, Y: 0.5, Z: 1, Unit: "mm"})

	tab, _ := measure.LabelAnalysis(labels, nil, measure.WithMeasures("area", "areaPhysical", "centroidX", "centroidY", "perimeter", "feretMax"))
	tab.WriteCsv(os.Stdout)

	kept, _ := measure.ShapeFiltering(labels, "area > 3")
	k, _ := measure.LabelAnalysis(kept, nil, measure.WithMeasures("label"))
	fmt.Println("kept", k.Column("label"))
	// Output:
	// label,area,areaPhysical [mm^2],centroidX [mm],centroidY [mm],perimeter [mm],feretMax [mm]
	// 3,4,1,0.25,0.25,2,1.4142135623730951
	// 8,3,0.75,1.5,1,0.5,1.5811388300841898
	// kept [3]
}
