package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/stats"
	"github.com/gipsdev/gips/util"
)

// gips view: one self-contained HTML page (no network resource: slices are
// PNG data URIs or PNG endpoints of the same server) with the three
// orthogonal slices of an image, a slider per slice, a histogram and the
// geometry and calibration. The file is mapped in place when its format
// allows (imageio.Open), so a slice request reads only the pages it needs.

// viewer is one image ready to be shown: the grey volumes drawn (one, or
// three for an RGB image shown in colour), the display range and the
// histogram.
type viewer struct {
	path, how string
	geom      gips.Geometry // the file's
	cal       gips.Calibration
	vols      []*gips.Image // grey 2D or 3D views of the file's image
	c, t      int           // the channel and frame shown (c = -1: RGB composite)
	lo, hi    float64       // display range: the shown volumes' min..max
	hist      stats.Hist
	closeFn   func() error
}

// newViewer opens path and prepares channel c (-1: every channel of an RGB
// image, composed) at frame t.
func newViewer(path string, c, t int) (*viewer, error) {
	img, how, closeFn, err := openImage(path)
	if err != nil {
		return nil, fmt.Errorf("view: %w", err)
	}
	v := &viewer{path: path, how: how, geom: img.Geometry(), cal: img.Calibration(), c: c, t: t, closeFn: closeFn}
	if err := v.prepare(img); err != nil {
		closeFn()
		return nil, fmt.Errorf("view %s: %w", path, err)
	}
	return v, nil
}

func (v *viewer) prepare(img *gips.Image) error {
	g := v.geom
	if v.c < 0 && g.Color != gips.RGB {
		v.c = 0
	}
	if v.t < 0 || v.t >= g.SizeT {
		return fmt.Errorf("--t %d: want 0 <= t < %d (frames): %w", v.t, g.SizeT, gips.ErrRange)
	}
	if v.c >= g.SizeC {
		return fmt.Errorf("--c %d: want 0 <= c < %d (channels): %w", v.c, g.SizeC, gips.ErrRange)
	}
	chans := []int{v.c}
	if v.c < 0 {
		chans = []int{0, 1, 2}
	}
	v.lo, v.hi = math.Inf(1), math.Inf(-1)
	for _, c := range chans {
		vol, err := img.ExtractVolume(c, v.t)
		if err != nil {
			return err
		}
		lo, hi, err := util.MinMaxOf(vol)
		if err != nil {
			return err
		}
		v.vols = append(v.vols, vol)
		v.lo, v.hi = min(v.lo, lo), max(v.hi, hi)
	}
	if g.Type == gips.Binary {
		v.lo, v.hi = 0, 1
	}
	// ±Inf pixels: the histogram needs a finite range (the widest one).
	v.lo, v.hi = max(v.lo, -math.MaxFloat64), min(v.hi, math.MaxFloat64)
	var counts []int64
	for _, vol := range v.vols {
		h, err := stats.Histogram(vol, 256, v.lo, v.hi)
		if err != nil {
			return err
		}
		if counts == nil {
			counts = make([]int64, len(h.Counts))
		}
		for i, n := range h.Counts {
			counts[i] += n
		}
		v.hist = stats.Hist{Counts: counts, Edges: h.Edges}
	}
	return nil
}

// sliceSize is the width and height of the slice across axis (0 x: a yz
// slice, 1 y: xz, 2 z: xy) and how many slices there are.
func (v *viewer) sliceSize(axis int) (w, h, n int) {
	g := v.geom
	switch axis {
	case 0:
		return g.SizeY, g.SizeZ, g.SizeX
	case 1:
		return g.SizeX, g.SizeZ, g.SizeY
	}
	return g.SizeX, g.SizeY, g.SizeZ
}

// slicePNG draws slice index across axis, every step-th pixel, mapped
// from lo..hi onto 0..255, as a PNG (grey, or RGB for a composite).
func (v *viewer) slicePNG(axis, index, step int) ([]byte, error) {
	w, h, n := v.sliceSize(axis)
	if axis < 0 || axis > 2 || index < 0 || index >= n {
		return nil, fmt.Errorf("slice %d across axis %d: want 0 <= index < %d: %w", index, axis, n, gips.ErrRange)
	}
	step = max(step, 1)
	ow, oh := (w+step-1)/step, (h+step-1)/step
	grey := make([][]uint8, len(v.vols))
	for k, vol := range v.vols {
		a := &sliceArgs{vol: vol, axis: axis, index: index, step: step, w: ow, h: oh, lo: v.lo, hi: v.hi,
			out: make([]uint8, ow*oh)}
		if err := gips.Dispatch(vol.Type(), gips.AllKernels(slice8[uint8], slice8[int8], slice8[uint16], slice8[int16],
			slice8[uint32], slice8[int32], slice8[float32], slice8[float64]), a); err != nil {
			return nil, err
		}
		grey[k] = a.out
	}
	var im image.Image
	if len(grey) == 1 {
		im = &image.Gray{Pix: grey[0], Stride: ow, Rect: image.Rect(0, 0, ow, oh)}
	} else {
		rgb := image.NewNRGBA(image.Rect(0, 0, ow, oh))
		for i := range ow * oh {
			rgb.Pix[4*i], rgb.Pix[4*i+1], rgb.Pix[4*i+2], rgb.Pix[4*i+3] = grey[0][i], grey[1][i], grey[2][i], 255
		}
		im = rgb
	}
	var b bytes.Buffer
	if err := png.Encode(&b, im); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

type sliceArgs struct {
	vol         *gips.Image
	axis, index int
	step, w, h  int
	lo, hi      float64
	out         []uint8
}

// slice8 reads one slice of a grey volume into out, scaled to 8 bits
// (NaN is 0, values outside lo..hi are clamped, a Binary image's non-zero
// bytes are 255).
func slice8[T gips.Pixel](a *sliceArgs) error {
	ps, err := gips.Planes[T](a.vol)
	if err != nil {
		return err
	}
	scale := 0.0
	if a.hi > a.lo {
		scale = 255 / (a.hi - a.lo)
	}
	bin := a.vol.Type() == gips.Binary
	put := func(i int, p T) {
		f := float64(p)
		if bin && f != 0 {
			f = 1
		}
		x := math.Round((f - a.lo) * scale)
		switch {
		case !(x > 0): // NaN too
			a.out[i] = 0
		case x > 255:
			a.out[i] = 255
		default:
			a.out[i] = uint8(x)
		}
	}
	for r := range a.h {
		for c := range a.w {
			u, w := c*a.step, r*a.step // slice column and row in the volume
			var p T
			switch a.axis {
			case 2: // xy at z = index
				p = ps[a.index].At(u, w)
			case 1: // xz at y = index, z down
				p = ps[w].At(u, a.index)
			default: // yz at x = index, z down
				p = ps[w].At(a.index, u)
			}
			put(r*a.w+c, p)
		}
	}
	return nil
}

// cmdView parses `gips view PATH [--port N] [--html OUT] [--c C] [--t T]`.
func cmdView(args []string, stdout io.Writer) error {
	var path, htmlOut string
	port, c, t := 0, -1, 0
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "--") {
			if path != "" {
				return usagef("view: one file, got %s and %s", path, a)
			}
			path = a
			continue
		}
		name, val, hasVal := strings.Cut(strings.TrimPrefix(a, "--"), "=")
		if name != "port" && name != "html" && name != "c" && name != "t" {
			return usagef("view: unknown flag %s (want --port, --html, --c, --t)", a)
		}
		if !hasVal {
			if i+1 >= len(args) {
				return usagef("view: --%s needs a value", name)
			}
			i++
			val = args[i]
		}
		if name == "html" {
			htmlOut = val
			continue
		}
		n, err := strconv.Atoi(val)
		if err != nil || n < 0 || name == "port" && n > 65535 {
			return usagef("view: --%s %q: want an integer >= 0%s", name, val, map[bool]string{true: " and <= 65535"}[name == "port"])
		}
		switch name {
		case "port":
			port = n
		case "c":
			c = n
		case "t":
			t = n
		}
	}
	if path == "" {
		return usagef("view: no file")
	}
	v, err := newViewer(path, c, t)
	if err != nil {
		return err
	}
	defer v.closeFn()
	if htmlOut != "" {
		page, err := v.page(false)
		if err != nil {
			return err
		}
		if err := os.WriteFile(htmlOut, page, 0o644); err != nil {
			return fmt.Errorf("view: %w", err)
		}
		fmt.Fprintf(stdout, "gips view: wrote %s\n", htmlOut)
		return nil
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("view: %w", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return serveView(ctx, v, ln, stdout)
}

// serveView serves the page and its slices on ln until ctx ends; it
// prints the URL first.
func serveView(ctx context.Context, v *viewer, ln net.Listener, stdout io.Writer) error {
	srv := &http.Server{Handler: v.handler()}
	fmt.Fprintf(stdout, "gips view: http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		srv.Close()
		<-done
		return nil
	case err := <-done:
		return fmt.Errorf("view: %w", err)
	}
}

// handler serves "/" (the page) and "/slice?axis=A&i=N" (a PNG).
func (v *viewer) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		page, err := v.page(true)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/slice", func(w http.ResponseWriter, r *http.Request) {
		axis, err1 := strconv.Atoi(r.URL.Query().Get("axis"))
		i, err2 := strconv.Atoi(r.URL.Query().Get("i"))
		if err1 != nil || err2 != nil {
			http.Error(w, "want /slice?axis=0|1|2&i=N", http.StatusBadRequest)
			return
		}
		b, err := v.slicePNG(axis, i, 1)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(b)
	})
	return mux
}

// maxEmbedded and maxEmbeddedSide bound a page written with --html: at
// most that many evenly spaced slices per axis, each subsampled to at
// most that many pixels on a side (the page says so).
const (
	maxEmbedded     = 32
	maxEmbeddedSide = 1024
)

// dataURI is a PNG as a data: URI.
func dataURI(b []byte) string { return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b) }
