package label

// Painting a Binary row of bytes from its bit mask: the labels go where
// the mask's runs are, with no list of runs. The k-th rising edge of the
// mask is run k's start, so a pixel's run is the number of starts at or
// before it, less one: a block of sixteen pixels takes the labels of the
// run in progress at its start and of the runs starting in it, each
// pixel the one its count of starts in the block picks (AVX-512: a
// popcount and a permute per block), zero where the mask is clear. This
// replaces finding the runs and writing them one by one (a branch on
// each run's length, as good as random on ragged edges) by a fixed cost
// per block.

// maskRows calls fn for every row of [r0, r1) of a Binary image of bytes
// with its mask and its runs' labels: run k's at labels[k+1], after one
// element and before at least 16 more that are read but not used. fn may
// write the row: its mask is made first.
func (f *forest) maskRows(r0, r1 int, fn func(r int, m []uint64, labels []uint32)) {
	m := make([]uint64, maskWords(f.sx))
	lab := make([]uint32, 1+f.maxRow+16)
	p := f.label
	for r := r0; r < r1; r++ {
		f.mask(r, m)
		a, b := f.rowStart[r], f.rowStart[r+1]
		for i := range b - a {
			q := p[a+i] // as rows: a local root holds its number, any other run its local root
			if q&final == 0 {
				q = p[q]
			}
			lab[1+i] = q &^ final
		}
		fn(r, m, lab)
	}
}

// paintMask writes a row of labels (0 on the background) from the row's
// mask m and its runs' labels, run k's at labels[k+1] (labels[0] is not
// written out; 16 elements must follow the last label): the AVX-512 kernel
// for the whole words where the build has it, this loop for the rest.
// With st (not nil), the labels are of the spans starting at st's bits
// (a quad's clusters, each holding the row's runs in its columns) rather
// than of the row's runs.
func paintMask(out []uint32, m, st []uint64, labels []uint32) {
	x, k := simdPaintMask(out, m, st, labels)
	fg := x > 0 && m[(x-1)/64]>>((x-1)%64)&1 != 0 // the pixel before is foreground
	for ; x < len(out); x++ {
		on := m[x/64]>>(x%64)&1 != 0
		if st != nil {
			k += int(st[x/64] >> (x % 64) & 1) // span k-1 starts here
		} else if on && !fg {
			k++ // run k-1 starts here
		}
		fg = on
		out[x] = 0
		if on {
			out[x] = labels[k] // run k-1's
		}
	}
}
