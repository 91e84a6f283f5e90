package label

// Reading a quad forest's labels: each row's mask with its quad's
// clusters (paint), or its runs (rows).

// quadLabels writes the labels of q's clusters into lab, the k-th
// cluster's at lab[k+1] (as maskRows). A local root holds its number
// (marked final), any other node its local root, whose entry holds the
// number: both entries are read and one is picked without a branch (on
// the bench volume a fifth of the nodes are local roots, scattered: the
// branch cost more than the second read, ~5% of the paint).
func (f *forest) quadLabels(q quadRef, lab []uint32) {
	p := f.label
	for k, n := range q.nodes {
		v := p[n]
		w := p[v&^final-v>>31]        // a number less one is an index too: numbers <= nodes
		fin := uint32(int32(v) >> 31) // all ones when v is a number
		lab[k+1] = (v&fin | w&^fin) &^ final
	}
}

// quadMaskRows calls fn for every row of the units [u0, u1), quad by quad,
// with its plane z and row y (row z*sy+y: the painter reads them rather
// than dividing that back, twice a row), its mask, its quad and the
// labels of the quad's clusters (the k-th cluster's at labels[k+1], 16
// elements after the last). fn may write the row: the unit's masks are
// made first.
func (f *forest) quadMaskRows(u0, u1 int, fn func(z, y int, m []uint64, q quadRef, labels []uint32)) {
	qi := f.quad
	b := f.takeQuadBuf()
	defer f.giveQuadBuf(b)
	lab := make([]uint32, 1+f.sx/2+1+16)
	for u := u0; u < u1; u++ {
		f.quadUnit(u, b)
		for y := range qi.ny {
			q := b.ref(y, qi.nw)
			f.quadLabels(q, lab)
			_, ok := f.quadRows(u, y)
			for i := range 4 {
				if ok[i] {
					fn(qi.units[u]+i>>1, 2*y+i&1, b.rowMask(y, i, qi.nw), q, lab)
				}
			}
		}
	}
}

// quadRowsRuns is rows on a quad forest: r0 and r1 are slab bounds.
func (f *forest) quadRowsRuns(r0, r1 int, fn func(r int, rs []run, labels []uint32)) {
	buf := make([]run, f.maxRow)
	ls := make([]uint32, f.maxRow)
	f.quadMaskRows(f.unitOf(r0), f.unitOf(r1), func(z, y int, m []uint64, q quadRef, labels []uint32) {
		rs := buf[:maskRuns(m[:maskWords(f.sx)], f.sx, buf)]
		for i, ru := range rs {
			ls[i] = labels[q.rank(int(ru.x0))+1]
		}
		fn(z*f.sy+y, rs, ls[:len(rs)])
	})
}
