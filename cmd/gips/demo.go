package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
	"github.com/gipsdev/gips/ops"
)

// demoDefaults is the phantom `gips demo` builds when given no flags.
//
//go:embed demo.json
var demoDefaults []byte

// The ops the demo runs, by registry name: the command depends on the
// registry only, never on the filter, threshold and stats packages.
const (
	opGaussian  = "filter.gaussian"
	opOtsu      = "threshold.otsu"
	opThreshold = "threshold.range"
)

// cmdDemo synthesizes a CT-like volume, smooths it, segments it at Otsu's
// threshold, measures it, and writes the volume and mask as TIFF and the
// three orthogonal mid-slices as PNG, printing each step and its time.
func cmdDemo(args []string, stdout, stderr io.Writer) error {
	var p phantom
	if err := json.Unmarshal(demoDefaults, &p); err != nil {
		return fmt.Errorf("demo: embedded defaults: %w", err)
	}
	outDir := "gips-demo"
	for i := 0; i < len(args); i++ {
		flag := args[i]
		if i+1 >= len(args) {
			return usagef("demo: %s needs a value", flag)
		}
		i++
		val := args[i]
		var err error
		switch flag {
		case "--size":
			var n int
			n, err = strconv.Atoi(val)
			if err == nil && (n < 8 || n > 4096) {
				err = fmt.Errorf("want 8 to 4096")
			}
			p.Size = [3]int{n, n, max(n/2, 4)}
			p.Radius = [2]int{max(n/50, 2), max(n/12, 3)}
		case "--seed":
			p.Seed, err = strconv.ParseUint(val, 10, 64)
		case "--sigma":
			p.Sigma, err = strconv.ParseFloat(val, 64)
		case "--out":
			outDir = val
		default:
			return usagef("demo: unknown flag %s (want --size, --seed, --sigma, --out)", flag)
		}
		if err != nil {
			return usagef("demo: %s %s: %v", flag, val, err)
		}
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	d := &demo{out: stdout, t0: time.Now()}
	fmt.Fprintf(stdout, "gips demo: a synthetic CT volume of %dx%dx%d voxels, %d spheres of densities %v, noise sigma %g\n",
		p.Size[0], p.Size[1], p.Size[2], p.Spheres, p.Densities, p.Noise)

	var vol *gips.Image
	var truth float64
	err := d.step("synthesize the volume", func() (string, error) {
		bar := newProgress(stderr, "synthesize", p.Size[1]*p.Size[2])
		var err error
		vol, truth, err = p.render(bar.add)
		bar.finish()
		return fmt.Sprintf("%v, %.2f%% of voxels in spheres", vol.Geometry(), 100*truth), err
	})
	if err != nil {
		return err
	}
	volPath := filepath.Join(outDir, "volume.tif")
	if err := d.step("write "+volPath, func() (string, error) { return saveSized(volPath, vol) }); err != nil {
		return err
	}

	smooth := vol
	d.step(fmt.Sprintf("%s sigma %g", opGaussian, p.Sigma), func() (string, error) {
		res, err := ops.Call(opGaussian, []*gips.Image{vol}, nil, map[string]any{"sigma": p.Sigma})
		if err != nil {
			return "", err
		}
		smooth = res.Image
		return smooth.Geometry().String(), nil
	})

	var mask *gips.Image
	d.step(opOtsu+" and threshold", func() (string, error) {
		res, err := ops.Call(opOtsu, []*gips.Image{smooth}, nil, nil)
		if err != nil {
			return "", err
		}
		t := res.Number
		m, err := ops.Call(opThreshold, []*gips.Image{smooth}, nil, map[string]any{"min": nextUp(t), "max": maxOf(smooth.Type())})
		if err != nil {
			return "", err
		}
		mask = m.Image
		frac := fraction(mask)
		return fmt.Sprintf("threshold %.6g: %.2f%% foreground (truth %.2f%%)", t, 100*frac, 100*truth), nil
	})

	d.step("statistics of the smoothed volume", func() (string, error) {
		return statistics(smooth, stdout)
	})

	if mask != nil {
		maskPath := filepath.Join(outDir, "mask.tif")
		d.step("write "+maskPath, func() (string, error) { return saveSized(maskPath, mask) })
	}
	d.step("write mid-slice previews", func() (string, error) {
		vols, what := []*gips.Image{vol}, []string{"volume"}
		if smooth != vol {
			vols, what = append(vols, smooth), append(what, "smoothed")
		}
		if mask != nil {
			vols, what = append(vols, mask), append(what, "mask")
		}
		for i, v := range vols {
			var err error
			if vols[i], err = to8bit(v); err != nil {
				return "", err
			}
		}
		var names []string
		for axis := 2; axis >= 0; axis-- {
			img, err := panel(vols, axis)
			if err != nil {
				return "", err
			}
			path := filepath.Join(outDir, previewName(axis))
			if err := save(path, img); err != nil {
				return "", err
			}
			names = append(names, filepath.Base(path))
		}
		return fmt.Sprintf("%s (%s)", strings.Join(names, ", "), strings.Join(what, " | ")), nil
	})
	fmt.Fprintf(stdout, "done in %.2f s; files in %s\n", time.Since(d.t0).Seconds(), outDir)
	if d.skipped > 0 {
		fmt.Fprintf(stdout, "%d steps were skipped (their ops are not registered in this build)\n", d.skipped)
	}
	return d.err
}

// demo numbers, times and prints the steps. A step whose op is not
// registered is skipped and said so; any other failure is the demo's
// error (the remaining steps still run, so the user sees what worked).
type demo struct {
	out     io.Writer
	n       int
	t0      time.Time
	skipped int
	err     error
}

func (d *demo) step(name string, f func() (string, error)) error {
	d.n++
	t := time.Now()
	detail, err := f()
	el := time.Since(t).Seconds()
	switch {
	case err == nil:
		first, more, _ := strings.Cut(detail, "\n")
		fmt.Fprintf(d.out, "%2d. %-44s %7.3f s  %s\n", d.n, name, el, first)
		for _, line := range strings.Split(more, "\n") {
			if line != "" {
				fmt.Fprintf(d.out, "      %s\n", line)
			}
		}
	case isUnknownOp(err):
		d.skipped++
		fmt.Fprintf(d.out, "%2d. %-44s skipped: %v\n", d.n, name, err)
	default:
		fmt.Fprintf(d.out, "%2d. %-44s FAILED: %v\n", d.n, name, err)
		if d.err == nil {
			d.err = fmt.Errorf("demo: %s: %w", name, err)
		}
	}
	return err
}

func save(path string, img *gips.Image) error { return imageio.Save(path, img, nil) }

// saveSized saves and reports the file's size.
func saveSized(path string, img *gips.Image) (string, error) {
	if err := save(path, img); err != nil {
		return "", err
	}
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	return humanBytes(st.Size()), nil
}
