package transform

import "github.com/gipsdev/gips"

// Affine maps and coordinate images of order 0 and 1 (rotate,
// affine_transform, map_coordinates) without a window per interior
// pixel. The output is walked in tiles (affineTiles, coordTiles): a
// rotation reads the input along a slanted line, and a whole output row would touch a different input row (and page) every few
// pixels; a tile reads a small neighbourhood that stays in cache. For each
// row segment the input coordinates are computed as scipy computes them
// (or read from the coordinate images, tiled the same way), then
// points2/points3 interpolate.
//
// Along an output row of an affine map the input coordinate of axis h is
// (rowBase_h + x·m[h][last]) + off_h: rowBase is fixed for the row and
// x·m[h][last] is a per-column table, so the sum is scipy's own
// (Σ_l out_l·m[h][l] in numpy axis order, then the offset), bit for bit,
// with no multiply per pixel.

// tileShape is the rows and columns of the tiles the output is walked in.
type tileShape struct{ rows, cols int }

// affineTiles are the tiles of an affine map, tileRows by tileCols.
// Measured on 4096² uint8 planes (a row is a 4 KiB page, so the input
// rows a tile reads compete for the same cache sets), CPU at one thread,
// the harness's three maps: 64 by 128 took rotate30 58 ms, affine 58
// and map_coordinates 104; 256 by 256 takes 49, 50 and 77. Taller tiles
// win on the rotations (256 by 128: 49, 50), 4096 by 128 or 16 by 256
// lose.
var affineTiles = tileShape{tileRows, tileCols}

// tileRows (fusedSrc.bases holds a value a row) and tileCols.
const (
	tileRows = 256
	tileCols = 256
)

// coordTiles are the tiles of coordinate images, wide: each output row
// of a tile reads a row of every coordinate image, and in 256-column
// tiles that was 1 KiB of each, 16 KiB from the last one, which the
// hardware prefetcher (it follows a stream inside a 4 KiB page) took up
// anew at every row: the first loads of the coordinates were a fifth of
// the kernel's samples. Wall time of map_coordinates' row at two threads
// (4096², uint8, the Go benchmark): 29.8-30.2 ms in 256 by 256 tiles,
// 23.3-23.4 in 64 by 1024 (22.9-23.4 in 32 or 128 by 1024, 23.0 in 32 by
// 2048, 25.1 in 16 or 64 by 4096); a software prefetch of the next row's
// coordinates instead made it 32.5, strips of 64 columns 36.
var coordTiles = tileShape{64, 1024}

// A tile row of an affine map is one segment, whose scratch holds segLen
// points; wider tiles go through the scratch in pieces (segments).
var _ [segLen - tileCols]struct{}

// affineCols is x·m[h][r-1] for every output x and mapped axis h (numpy
// order).
func affineCols(m *mapping, rank, width int) [3][]float64 {
	var cols [3][]float64
	for h := 0; h < rank; h++ {
		c := make([]float64, width)
		for x := range c {
			c[x] = float64(x) * m.mat[h][rank-1]
		}
		cols[h] = c
	}
	return cols
}

// affineFast says whether the tiled path applies: coordinate images, or
// an affine map (no tables) that, on a volume, is a rotation in the xy
// plane (z left alone) or leaves no axis alone.
func affineFast(j *job) bool {
	m := j.m
	if m.coords[0] != nil {
		return true
	}
	if m.tabs[0] != nil {
		return false
	}
	if j.rank == 2 {
		return true
	}
	return m.ident == [3]bool{false, false, true} || m.ident == [3]bool{}
}

// tiledVolume fills the output volume (c, t) from v, tile by tile.
func tiledVolume[S, D gips.Pixel](j *job, v *volume[S], dp []gips.Plane[D], c, t int) error {
	og := j.dst.Geometry()
	m := j.m
	var cols [3][]float64
	if m.coords[0] == nil {
		cols = affineCols(m, j.rank, og.SizeX)
	}
	cost := og.SizeX * 8
	for range j.rank {
		cost *= j.e.order + 1
	}
	tiles := affineTiles
	if m.coords[0] != nil {
		tiles = coordTiles
	}
	return eachTile(og.SizeZ, og.SizeY, og.SizeX, cost, tiles, func(sc *pointScratch, z, y0, y1, x0, x1 int) {
		out := dp[og.PlaneIndex(z, c, t)]
		if fusedTile(j, v, sc, cols, z, y0, y1, x0, x1, out) {
			return
		}
		for y := y0; y < y1; y++ {
			for xa := x0; xa < x1; xa += segLen {
				xb := min(x1, xa+segLen)
				segment(j, v, sc, cols, z, y, xa, xb)
				storeSeg(out.Row(y)[xa:xb], sc.t[:xb-xa])
			}
		}
	})
}

// segment interpolates output points (x0..x1-1, y, z) into sc.t.
func segment[S gips.Pixel](j *job, v *volume[S], sc *pointScratch, cols [3][]float64, z, y, x0, x1 int) {
	m := j.m
	n := x1 - x0
	t := sc.t[:n]
	segCoords(j, sc, cols, z, y, x0, x1)
	switch {
	case j.rank == 2:
		points2(j, v, 0, sc.c[0][:n], sc.c[1][:n], t, &sc.l)
	case m.ident[2]:
		points2(j, v, z, sc.c[1][:n], sc.c[2][:n], t, &sc.l)
	default:
		points3(j, v, sc.c[0][:n], sc.c[1][:n], sc.c[2][:n], t)
	}
}

// segCoords sets sc.c to the input coordinates (numpy order) of the
// output points (x0..x1-1, y, z).
func segCoords(j *job, sc *pointScratch, cols [3][]float64, z, y, x0, x1 int) {
	m := j.m
	n := x1 - x0
	if m.coords[0] != nil {
		// Coordinate images: x, y, z in gips order; numpy order in sc.c.
		for h := 0; h < j.rank; h++ {
			m.coords[j.rank-1-h].read(sc.c[h][:n], z, y, x0)
		}
		return
	}
	for h := 0; h < j.rank; h++ {
		// scipy: ((0 + z·m0) + y·m1) + x·m2, then + offset.
		addRow(sc.c[h][:n], cols[h][x0:x1], rowBase(j, h, z, y), m.off[h])
	}
}

// addRow sets c[k] = (base + col[k]) + off, scipy's order of the sums.
func addRow(c, col []float64, base, off float64) {
	col = col[:len(c)]
	for k := addRowSIMD(c, col, base, off); k < len(c); k++ {
		c[k] = (base + col[k]) + off
	}
}
