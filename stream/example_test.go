package stream_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
	_ "github.com/gipsdev/gips/ops/all"
	"github.com/gipsdev/gips/stream"
)

// A volume filtered slab by slab within a budget of 64 planes' worth.
func Example() {
	dir, _ := os.MkdirTemp("", "stream")
	defer os.RemoveAll(dir)
	img, _ := gips.CreateImage(gips.Geometry3d(gips.UInt8, 64, 64, 100))
	in := filepath.Join(dir, "in.npy")
	if err := imageio.Save(in, img, nil); err != nil {
		fmt.Println(err)
		return
	}
	st, err := stream.Run(context.Background(), "morpho.erode", map[string]any{"size": []int{3}},
		[]string{in}, filepath.Join(dir, "out.npy"), stream.Options{Memory: 64 * 64 * 64 * 20})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%v: %d slabs of %d planes, halo %d\n", st.Output, st.Slabs, st.Planes, st.Halo)
	// Output: UInt8 64x64x100: 2 slabs of 85 planes, halo 1
}
