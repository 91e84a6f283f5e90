package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
	"github.com/gipsdev/gips/ops"
)

// cmdConvert rewrites an image in the format of OUT's extension, and to
// another buffer type with --output (through util.convertImg, --scaling as
// there).
func cmdConvert(args []string, w io.Writer) error {
	var files []string
	params := map[string]any{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, val, hasVal := strings.Cut(strings.TrimPrefix(a, "--"), "=")
		switch {
		case !strings.HasPrefix(a, "--"):
			files = append(files, a)
			continue
		case name != "output" && name != "scaling":
			return usagef("convert: unknown flag %s (want --output, --scaling)", a)
		case !hasVal:
			if i+1 >= len(args) {
				return usagef("convert: --%s needs a value", name)
			}
			i++
			val = args[i]
		}
		params[name] = val
	}
	if len(files) != 2 {
		return usagef("convert: want IN OUT, got %d files", len(files))
	}
	img, err := imageio.Load(files[0])
	if err != nil {
		return err
	}
	if len(params) > 0 {
		if _, ok := params["output"]; !ok {
			params["output"] = img.Type().String()
		}
		res, err := ops.Call("util.convertImg", []*gips.Image{img}, nil, params)
		if err != nil {
			return err
		}
		img = res.Image
	}
	if err := imageio.Save(files[1], img, nil); err != nil {
		return err
	}
	fmt.Fprintf(w, "%s -> %s: %v\n", files[0], files[1], img.Geometry())
	return nil
}
