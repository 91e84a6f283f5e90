package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"html"
	"image"
	"image/png"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
)

const vx, vy, vz = 40, 30, 12

// viewVolume is the test volume: smooth waves over a ramp in z, UInt16.
func viewVolume(x, y, z int) uint16 {
	return uint16(2000 + 900*math.Sin(float64(x)/4)*math.Cos(float64(y)/3) + 60*float64(z))
}

// writeViewVolume saves the volume with a calibration and returns its
// path and brute-force min and max.
func writeViewVolume(t *testing.T) (string, float64, float64) {
	t.Helper()
	data := make([]uint16, vx*vy*vz)
	lo, hi := math.Inf(1), math.Inf(-1)
	for z := range vz {
		for y := range vy {
			for x := range vx {
				v := viewVolume(x, y, z)
				data[(z*vy+y)*vx+x] = v
				lo, hi = min(lo, float64(v)), max(hi, float64(v))
			}
		}
	}
	img, err := gips.FromArray(gips.ArrayOf(data, vz, vy, vx))
	if err != nil {
		t.Fatal(err)
	}
	img.SetCalibration(gips.Calibration{X: 0.5, Y: 0.5, Z: 2, Unit: "um"})
	path := filepath.Join(t.TempDir(), "vol.tif")
	if err := imageio.Save(path, img, nil); err != nil {
		t.Fatal(err)
	}
	return path, lo, hi
}

// checkSlice compares a PNG slice with the volume mapped linearly from
// lo..hi onto 0..255 (rounded), computed here pixel by pixel.
func checkSlice(t *testing.T, pngBytes []byte, axis, index int, lo, hi float64) {
	t.Helper()
	im, err := png.Decode(bytes.NewReader(pngBytes))
	if err != nil {
		t.Fatal(err)
	}
	g, ok := im.(*image.Gray)
	if !ok {
		t.Fatalf("slice is %T, want grey", im)
	}
	w, h := [3]int{vy, vx, vx}[axis], [3]int{vz, vz, vy}[axis]
	if b := g.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Fatalf("axis %d slice is %v, want %dx%d", axis, b, w, h)
	}
	for r := range h {
		for c := range w {
			var v uint16
			switch axis {
			case 2:
				v = viewVolume(c, r, index)
			case 1:
				v = viewVolume(c, index, r)
			default:
				v = viewVolume(index, c, r)
			}
			want := uint8(math.Round((float64(v) - lo) * 255 / (hi - lo)))
			if got := g.GrayAt(c, r).Y; got != want {
				t.Fatalf("axis %d slice %d at (%d, %d) = %d, want %d", axis, index, c, r, got, want)
			}
		}
	}
}

// screenshot loads url in headless Chromium and returns the picture; it
// skips the test when Chromium is not installed (`make deps` installs it).
// The browser runs in its own process group, killed whole if it outlives
// the guard.
func screenshot(t *testing.T, url string) image.Image {
	t.Helper()
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("no chromium on PATH: `make deps` installs Debian's chromium package")
	}
	dir := t.TempDir()
	shot := filepath.Join(dir, "shot.png")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute) // a hang guard, not a timing
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--no-first-run", "--user-data-dir="+filepath.Join(dir, "profile"), "--virtual-time-budget=5000",
		"--window-size=1200,900", "--screenshot="+shot, url)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("chromium did not finish within the guard: %s", out)
	}
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, out)
	}
	defer f.Close()
	im, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return im
}

// checkNotBlank wants the slices on screen: many grey levels, each
// covering an area of at least 100 pixels. Text anti-aliasing gives
// stray pixels per level: a page of text only had 2 such levels, this
// page 244.
func checkNotBlank(t *testing.T, im image.Image) {
	t.Helper()
	greys := map[uint32]int{}
	b := im.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := im.At(x, y).RGBA()
			if r == g && g == bl {
				greys[r>>8]++
			}
		}
	}
	wide := 0
	for _, n := range greys {
		if n >= 100 {
			wide++
		}
	}
	if wide < 150 {
		t.Errorf("screenshot shows no slices: %d grey levels cover >= 100 pixels each, want >= 150", wide)
	}
}

func TestViewHTMLIsSelfContainedAndRendersInChromium(t *testing.T) {
	path, lo, hi := writeViewVolume(t)
	out := filepath.Join(t.TempDir(), "view.html")
	if _, err := gipsRun(t, "view", path, "--html", out); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	// No network resource: every src is a data URI, nothing is linked.
	for _, bad := range []string{`src="http`, `src="/`, "href=", "url(", "@import", "fetch("} {
		if strings.Contains(s, bad) {
			t.Errorf("page refers to a resource: %q", bad)
		}
	}
	for _, want := range []string{"UInt16 40x30x12", "0.5 x 0.5 x 2 um", "shape [12 30 40]", "<svg", `type="range"`} {
		if !strings.Contains(s, want) {
			t.Errorf("page has no %q", want)
		}
	}
	// The embedded slices are the volume's: decode the first image of
	// each panel (the middle slice) and compare.
	uris := regexp.MustCompile(`<img id="img\d" src="data:image/png;base64,([^"]+)"`).FindAllStringSubmatch(s, -1)
	if len(uris) != 3 {
		t.Fatalf("%d panel images with data URIs, want 3", len(uris))
	}
	for k, axis := range []int{2, 1, 0} {
		b, err := base64.StdEncoding.DecodeString(html.UnescapeString(uris[k][1]))
		if err != nil {
			t.Fatal(err)
		}
		n := [3]int{vx, vy, vz}[axis]
		mid := sliceIndices(n, false)
		pos := 0
		for j, i := range mid {
			if i <= n/2 {
				pos = j
			}
		}
		checkSlice(t, b, axis, mid[pos], lo, hi)
	}
	checkNotBlank(t, screenshot(t, "file://"+out))
}

// lineWriter hands the first line written to it to a channel (the URL).
type lineWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	line chan string
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if i := bytes.IndexByte(w.buf.Bytes(), '\n'); i >= 0 && w.line != nil {
		w.line <- w.buf.String()[:i]
		w.line = nil
	}
	return len(p), nil
}

func TestViewServerServesPageAndSlices(t *testing.T) {
	path, lo, hi := writeViewVolume(t)
	v, err := newViewer(path, -1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer v.closeFn()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	// The test keeps its own reference to the channel: Write sets w.line to
	// nil once it has sent, possibly before the select below reads w.line
	// (a select on a nil channel waits forever).
	lines := make(chan string, 1)
	w := &lineWriter{line: lines}
	done := make(chan error, 1)
	go func() { done <- serveView(ctx, v, ln, w) }()
	defer func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Error(err)
			}
		case <-time.After(time.Minute): // a hang guard
			t.Fatal("the server did not stop")
		}
	}()
	var url string
	select {
	case line := <-lines:
		url = regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(line)
		if url == "" {
			t.Fatalf("no URL in %q", line)
		}
	case <-time.After(time.Minute):
		t.Fatal("the server printed no URL")
	}
	client := &http.Client{Timeout: time.Minute}
	get := func(p string) (int, []byte) {
		t.Helper()
		res, err := client.Get(url + p)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res.StatusCode, b
	}
	code, page := get("")
	if code != 200 || !bytes.Contains(page, []byte(`src="/slice?axis=2&amp;i=6"`)) || bytes.Contains(page, []byte("data:image")) {
		t.Fatalf("page: status %d, no served middle xy slice or embedded data:\n%.600s", code, page)
	}
	for _, c := range []struct{ axis, i int }{{2, 0}, {2, 11}, {1, 29}, {0, 17}} {
		code, b := get("slice?axis=" + strconv.Itoa(c.axis) + "&i=" + strconv.Itoa(c.i))
		if code != 200 {
			t.Fatalf("slice %v: status %d: %s", c, code, b)
		}
		checkSlice(t, b, c.axis, c.i, lo, hi)
	}
	for _, bad := range []string{"slice?axis=2&i=12", "slice?axis=3&i=0", "slice?axis=x", "nothing"} {
		if code, _ := get(bad); code != 400 && code != 404 {
			t.Errorf("%s: status %d, want 400 or 404", bad, code)
		}
	}
	checkNotBlank(t, screenshot(t, url))
}

func TestViewBadArguments(t *testing.T) {
	path, _, _ := writeViewVolume(t)
	for _, c := range []struct {
		args  []string
		want  string
		usage bool
	}{
		{[]string{"view"}, "no file", true},
		{[]string{"view", path, "--port", "http"}, `--port "http"`, true},
		{[]string{"view", path, "--port", "70000"}, `--port "70000"`, true},
		{[]string{"view", path, "--zoom", "2"}, "unknown flag --zoom", true},
		{[]string{"view", path, "--c", "1"}, "--c 1: want 0 <= c < 1", false},
		{[]string{"view", path, "--t", "3"}, "--t 3: want 0 <= t < 1", false},
		{[]string{"view", path + ".missing"}, "no such file", false},
	} {
		_, err := gipsRun(t, c.args...)
		var u usageError
		if err == nil || !strings.Contains(err.Error(), c.want) || errors.As(err, &u) != c.usage {
			t.Errorf("%v: %v, want an error naming %q (usage %v)", c.args, err, c.want, c.usage)
		}
	}
}

// TestViewRGBCompositeAnd2D: an RGB image is drawn in colour, its three
// channels on one display range; a 2D image gets one panel.
func TestViewRGBCompositeAnd2D(t *testing.T) {
	const w, h = 9, 7
	data := make([]uint8, 3*w*h)
	for i := range data {
		data[i] = uint8(10 + (i*37)%200)
	}
	lo, hi := 255.0, 0.0
	for _, v := range data {
		lo, hi = min(lo, float64(v)), max(hi, float64(v))
	}
	img, err := gips.FromRgbArray(gips.ArrayOf(data, 3, h, w))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rgb.tif")
	if err := imageio.Save(path, img, nil); err != nil {
		t.Fatal(err)
	}
	v, err := newViewer(path, -1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer v.closeFn()
	b, err := v.slicePNG(2, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	im, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	for y := range h {
		for x := range w {
			r, g, bl, _ := im.At(x, y).RGBA()
			got := [3]uint32{r >> 8, g >> 8, bl >> 8}
			for c := range 3 {
				want := uint32(math.Round((float64(data[(c*h+y)*w+x]) - lo) * 255 / (hi - lo)))
				if got[c] != want {
					t.Fatalf("(%d, %d) channel %d = %d, want %d", x, y, c, got[c], want)
				}
			}
		}
	}
	page, err := v.page(false)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(page), `<img id="img`); n != 1 || !strings.Contains(string(page), "RGB composite") {
		t.Errorf("2D RGB page: %d panels (want 1), composite said: %v", n, strings.Contains(string(page), "RGB composite"))
	}
	if _, err := v.slicePNG(2, 1, 1); err == nil {
		t.Error("slice 1 of a 2D image: no error")
	}
}
