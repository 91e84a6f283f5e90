package filter

// rank9s is the value of rank r among 9 rows, for 8- and 16-bit pixels:
// every rank of a 3x3 box but the median (median9s) comes here rather than
// to nth's quickselect per pixel, about 150 ns a pixel. It sorts the 9
// values by a 25-exchange network (Dobbelaere's list of optimal networks,
// 7 layers; TestRank9Network checks it on all 512 inputs of 0s and 1s,
// which by the 0-1 principle proves it sorts anything) with sort2s'
// branch-free exchanges, and takes the r-th.
func rank9s[T small](out []T, rows [][]T, r int) {
	n := len(out) // re-sliced to len(out) so that the loop has no bounds checks
	r0, r1, r2, r3, r4, r5, r6, r7, r8 := rows[0][:n], rows[1][:n], rows[2][:n], rows[3][:n], rows[4][:n], rows[5][:n], rows[6][:n], rows[7][:n], rows[8][:n]
	for x := range out {
		p0, p1, p2, p3, p4, p5, p6, p7, p8 := sort9(r0[x], r1[x], r2[x], r3[x], r4[x], r5[x], r6[x], r7[x], r8[x])
		switch r { // the same branch at every pixel: predicted
		case 0:
			out[x] = p0
		case 1:
			out[x] = p1
		case 2:
			out[x] = p2
		case 3:
			out[x] = p3
		case 4:
			out[x] = p4
		case 5:
			out[x] = p5
		case 6:
			out[x] = p6
		case 7:
			out[x] = p7
		default:
			out[x] = p8
		}
	}
}

// rank9Layers is the network's exchanges, layer by layer: after them,
// p[i] <= p[j] for every i < j.
var rank9Layers = [][][2]int{
	{{0, 3}, {1, 7}, {2, 5}, {4, 8}},
	{{0, 7}, {2, 4}, {3, 8}, {5, 6}},
	{{0, 2}, {1, 3}, {4, 5}, {7, 8}},
	{{1, 4}, {3, 6}, {5, 7}},
	{{0, 1}, {2, 4}, {3, 5}, {6, 8}},
	{{2, 3}, {4, 5}, {6, 7}},
	{{1, 2}, {3, 4}, {5, 6}},
}

// sort9 is rank9Layers written out, on values (an array indexed by a
// variable rank would live in memory: 5x slower).
func sort9[T small](p0, p1, p2, p3, p4, p5, p6, p7, p8 T) (T, T, T, T, T, T, T, T, T) {
	p0, p3 = sort2s(p0, p3)
	p1, p7 = sort2s(p1, p7)
	p2, p5 = sort2s(p2, p5)
	p4, p8 = sort2s(p4, p8)
	p0, p7 = sort2s(p0, p7)
	p2, p4 = sort2s(p2, p4)
	p3, p8 = sort2s(p3, p8)
	p5, p6 = sort2s(p5, p6)
	p0, p2 = sort2s(p0, p2)
	p1, p3 = sort2s(p1, p3)
	p4, p5 = sort2s(p4, p5)
	p7, p8 = sort2s(p7, p8)
	p1, p4 = sort2s(p1, p4)
	p3, p6 = sort2s(p3, p6)
	p5, p7 = sort2s(p5, p7)
	p0, p1 = sort2s(p0, p1)
	p2, p4 = sort2s(p2, p4)
	p3, p5 = sort2s(p3, p5)
	p6, p8 = sort2s(p6, p8)
	p2, p3 = sort2s(p2, p3)
	p4, p5 = sort2s(p4, p5)
	p6, p7 = sort2s(p6, p7)
	p1, p2 = sort2s(p1, p2)
	p3, p4 = sort2s(p3, p4)
	p5, p6 = sort2s(p5, p6)
	return p0, p1, p2, p3, p4, p5, p6, p7, p8
}
