package main

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/gipsdev/gips"
)

// viewPanel is one orthogonal slice on the page.
type viewPanel struct {
	Name    string       `json:"name"`    // xy, xz, yz
	Across  string       `json:"across"`  // the axis its slider moves along: z, y, x
	Axis    int          `json:"axis"`    // 2, 1, 0 (slicePNG's)
	N       int          `json:"n"`       // slices along that axis
	Indices []int        `json:"indices"` // the slices the slider reaches (all when served)
	Srcs    []string     `json:"srcs"`    // embedded: one data URI per index
	Pos     int          `json:"pos"`     // the slider's start: the middle slice
	Width   int          `json:"width"`   // display size in CSS pixels, physical proportions
	Height  int          `json:"height"`
	First   template.URL `json:"-"` // the first image's src, in the HTML so it loads with the page
	Last    int          `json:"-"` // N-1
	Max     int          `json:"-"` // the slider's last position
}

// page renders the viewer page: served (slices fetched from /slice) or
// self-contained (every slice shown is a data URI in the page).
func (v *viewer) page(served bool) ([]byte, error) {
	g, c := v.geom, v.cal
	// Physical size of one pixel along x, y, z (calibrated), for the
	// panels' proportions.
	px := [3]float64{c.X, c.Y, c.Z}
	for i := range px {
		if !(px[i] > 0) || math.IsInf(px[i], 0) {
			px[i] = 1
		}
	}
	step := 1
	var note string
	if !served {
		if m := max(g.SizeX, g.SizeY, g.SizeZ); m > maxEmbeddedSide {
			step = (m + maxEmbeddedSide - 1) / maxEmbeddedSide
			note = fmt.Sprintf("every %d-th pixel shown; ", step)
		}
	}
	axes := []int{2, 1, 0}
	if g.SizeZ == 1 {
		axes = []int{2}
	}
	var panels []viewPanel
	extent := 0.0
	for _, axis := range axes {
		w, h, n := v.sliceSize(axis)
		pw, ph := px[0], px[1] // xy
		switch axis {
		case 1:
			pw, ph = px[0], px[2]
		case 0:
			pw, ph = px[1], px[2]
		}
		p := viewPanel{Name: [3]string{"yz", "xz", "xy"}[axis], Across: [3]string{"x", "y", "z"}[axis], Axis: axis, N: n}
		p.Indices = sliceIndices(n, served)
		p.Last, p.Max = n-1, len(p.Indices)-1
		if len(p.Indices) < n {
			note += fmt.Sprintf("%d of %d %s slices; ", len(p.Indices), n, p.Name)
		}
		for k, i := range p.Indices {
			if i <= n/2 {
				p.Pos = k
			}
		}
		if served {
			p.First = template.URL(fmt.Sprintf("/slice?axis=%d&i=%d", axis, p.Indices[p.Pos]))
		} else {
			for _, i := range p.Indices {
				b, err := v.slicePNG(axis, i, step)
				if err != nil {
					return nil, err
				}
				p.Srcs = append(p.Srcs, dataURI(b))
			}
			p.First = template.URL(p.Srcs[p.Pos])
		}
		fw, fh := float64(w)*pw, float64(h)*ph
		extent = max(extent, fw, fh)
		p.Width, p.Height = int(fw*1e6), int(fh*1e6) // scaled below
		panels = append(panels, p)
	}
	// The largest side of any panel is 400 CSS pixels; none below 1.
	for i := range panels {
		panels[i].Width = max(1, int(math.Round(float64(panels[i].Width)/1e6/extent*400)))
		panels[i].Height = max(1, int(math.Round(float64(panels[i].Height)/1e6/extent*400)))
	}
	dt, _ := gips.DTypeOf(g.Type)
	shown := "all"
	switch {
	case v.c < 0:
		shown = fmt.Sprintf("RGB composite, frame %d", v.t)
	case g.SizeC > 1 || g.SizeT > 1:
		shown = fmt.Sprintf("channel %d of %d, frame %d of %d", v.c, g.SizeC, v.t, g.SizeT)
	}
	info := [][2]string{
		{"file", v.path + " (" + v.how + ")"},
		{"geometry", g.String()},
		{"numpy", fmt.Sprintf("shape %v dtype %s", g.Shape(), dt)},
		{"calibration", fmt.Sprintf("%g x %g x %g %s (x, y, z per pixel)", c.X, c.Y, c.Z, c.Unit)},
		{"shown", shown},
		{"range", fmt.Sprintf("%g .. %g (displayed linearly as 0 .. 255)", v.lo, v.hi)},
	}
	if note != "" {
		info = append(info, [2]string{"page", strings.TrimSuffix(note, "; ")})
	}
	var b bytes.Buffer
	err := viewTemplate.Execute(&b, map[string]any{
		"Title": v.path, "Info": info, "Panels": panels, "Served": served,
		"Hist": template.HTML(histogramSVG(v.hist.Counts)),
		"Lo":   fmt.Sprintf("%g", v.lo), "Hi": fmt.Sprintf("%g", v.hi),
	})
	return b.Bytes(), err
}

// sliceIndices are the slices a slider reaches: all of them when served,
// at most maxEmbedded evenly spaced (first and last included) in a page.
func sliceIndices(n int, served bool) []int {
	k := n
	if !served {
		k = min(n, maxEmbedded)
	}
	idx := make([]int, k)
	for j := range idx {
		if k > 1 {
			idx[j] = int(math.Round(float64(j) * float64(n-1) / float64(k-1)))
		}
	}
	return idx
}

// histogramSVG draws the counts as bars, heights on a log scale (one
// bright value does not flatten the rest).
func histogramSVG(counts []int64) string {
	const w, h = 512, 120
	top := 0.0
	for _, n := range counts {
		top = max(top, math.Log1p(float64(n)))
	}
	var s strings.Builder
	fmt.Fprintf(&s, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">`, w, h, w, h)
	fmt.Fprintf(&s, `<rect width="%d" height="%d" fill="#f4f4f4"/>`, w, h)
	bw := float64(w) / float64(max(len(counts), 1))
	for i, n := range counts {
		if n == 0 || top == 0 {
			continue
		}
		bh := math.Log1p(float64(n)) / top * (h - 4)
		fmt.Fprintf(&s, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="#3465a4"><title>%d</title></rect>`,
			float64(i)*bw, h-bh, bw, bh, n)
	}
	s.WriteString(`</svg>`)
	return s.String()
}

var viewTemplate = template.Must(template.New("view").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>gips view {{.Title}}</title>
<style>
body { font: 14px sans-serif; margin: 16px; background: #fff; color: #222; }
.panels { display: flex; flex-wrap: wrap; gap: 16px; }
.panel { display: flex; flex-direction: column; gap: 4px; }
.panel img { image-rendering: pixelated; background: #000; }
table { border-collapse: collapse; margin-top: 12px; }
td { padding: 2px 10px 2px 0; vertical-align: top; }
td:first-child { color: #666; }
.hist { margin-top: 12px; }
.axis { display: flex; justify-content: space-between; width: 512px; color: #666; }
</style></head>
<body>
<h3>{{.Title}}</h3>
<div class="panels">
{{range $i, $p := .Panels}}<div class="panel">
<img id="img{{$i}}" src="{{$p.First}}" width="{{$p.Width}}" height="{{$p.Height}}" alt="{{$p.Name}} slice">
<label>{{$p.Name}} at {{$p.Across}} = <span id="lab{{$i}}"></span> (of 0..{{$p.Last}})</label>
<input id="sl{{$i}}" type="range" min="0" max="{{$p.Max}}" step="1" value="{{$p.Pos}}">
</div>
{{end}}</div>
<div class="hist"><div>histogram (256 bins, log scale)</div>{{.Hist}}
<div class="axis"><span>{{.Lo}}</span><span>{{.Hi}}</span></div></div>
<table>{{range .Info}}<tr><td>{{index . 0}}</td><td>{{index . 1}}</td></tr>{{end}}</table>
<script>
const panels = {{.Panels}};
const served = {{.Served}};
panels.forEach((p, i) => {
  const img = document.getElementById("img" + i), sl = document.getElementById("sl" + i),
        lab = document.getElementById("lab" + i);
  const show = () => {
    const k = +sl.value, idx = p.indices[k];
    lab.textContent = idx;
    const src = served ? "/slice?axis=" + p.axis + "&i=" + idx : p.srcs[k];
    if (img.getAttribute("src") !== src) img.src = src;
  };
  sl.addEventListener("input", show);
  show();
});
</script>
</body></html>
`))
