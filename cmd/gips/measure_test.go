package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
)

// TestMeasureWritesTheTableAsCsv: gips measure labels.tif --intensity
// img.tif -o t.csv writes one row per label with its pixel count and mean
// intensity, counted here by brute force, and units in the header.
func TestMeasureWritesTheTableAsCsv(t *testing.T) {
	dir := t.TempDir()
	lab := make([]uint16, 6*9)
	val := make([]float32, 6*9)
	area, sum := map[int]int{}, map[int]float64{}
	for i := range lab {
		lab[i] = uint16([]int{0, 4, 4, 9, 0, 2}[i%6]) // labels 2, 4, 9
		val[i] = float32(i)
		if l := int(lab[i]); l != 0 {
			area[l]++
			sum[l] += float64(i)
		}
	}
	li, _ := gips.FromLabelArray(gips.ArrayOf(lab, 6, 9))
	vi, _ := gips.FromArray(gips.ArrayOf(val, 6, 9))
	lp, vp, out := filepath.Join(dir, "labels.tif"), filepath.Join(dir, "img.tif"), filepath.Join(dir, "t.csv")
	if err := imageio.Save(lp, li, nil); err != nil {
		t.Fatal(err)
	}
	if err := imageio.Save(vp, vi, nil); err != nil {
		t.Fatal(err)
	}
	msg, err := gipsRun(t, "measure", lp, "--intensity", vp, "-o", out)
	if err != nil || !strings.Contains(msg, "3 rows") {
		t.Fatalf("gips measure: %q %v", msg, err)
	}
	f, _ := os.Open(out)
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(recs) != 4 {
		t.Fatalf("csv: %v rows %d", err, len(recs))
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.SplitN(h, " [", 2)[0]] = i
	}
	if !strings.Contains(recs[0][col["centroidX"]], "[") {
		t.Errorf("header %q has no unit for centroidX", recs[0][col["centroidX"]])
	}
	for _, r := range recs[1:] {
		l, _ := strconv.Atoi(r[col["label"]])
		a, _ := strconv.Atoi(r[col["area"]])
		m, _ := strconv.ParseFloat(r[col["intensityMean"]], 64)
		if a != area[l] || m != sum[l]/float64(area[l]) {
			t.Errorf("label %d: area %d mean %v, want %d %v", l, a, m, area[l], sum[l]/float64(area[l]))
		}
	}
	if _, err := gipsRun(t, "run", "stats.sum", vp, "-o", out); err == nil {
		t.Error("-o for a number: no error")
	}
}
