package label

// Painting a Binary row of bytes from its bit mask: the labels go where
// the mask's edges are, with no list of runs. A run's start adds its
// label to the running sum and its end takes it off (paintDense's
// differences), and the mask says where both are: the k-th rising edge is
// run k's start and the k-th falling edge its end, so a block of pixels
// takes the labels of its starts and of its ends in order, spread to
// their edges (AVX-512's expand), and the row is the running sum of their
// difference. This replaces finding the runs, the scatter of their
// differences and the clearing of them by a fixed cost per block.

// maskRows calls fn for every row of [r0, r1) of a Binary image of bytes
// with its mask and its runs' labels, which are followed by at least 16
// more elements (read, not used). fn may write the row: its mask is made
// first.
func (f *forest) maskRows(r0, r1 int, fn func(r int, m []uint64, labels []uint32)) {
	m := make([]uint64, maskWords(f.sx))
	lab := make([]uint32, f.maxRow+16)
	p := f.label
	for r := r0; r < r1; r++ {
		f.mask(r, m)
		a, b := f.rowStart[r], f.rowStart[r+1]
		for i := range b - a {
			q := p[a+i] // as rows: a local root holds its number, any other run its local root
			if q&final == 0 {
				q = p[q]
			}
			lab[i] = q &^ final
		}
		fn(r, m, lab)
	}
}

// paintMask writes a row of labels (0 on the background) from the row's
// mask m and its runs' labels in order, which must be followed by 16 more
// elements: the AVX-512 kernel for the whole words where the build has
// it, this loop for the rest.
func paintMask(out []uint32, m []uint64, labels []uint32) {
	x, k := simdPaintMask(out, m, labels)
	fg := x > 0 && m[(x-1)/64]>>((x-1)%64)&1 != 0 // the pixel before is foreground
	for ; x < len(out); x++ {
		on := m[x/64]>>(x%64)&1 != 0
		if on && !fg {
			k++ // run k-1 starts here
		}
		fg = on
		out[x] = 0
		if on {
			out[x] = labels[k-1]
		}
	}
}
