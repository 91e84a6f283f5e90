package label

import "math/bits"

// Clusters: at 26-connectivity a run of row y in plane z touches the runs
// of rows y-1, y and y+1 of plane z-1, three merges a row. Within a plane,
// the foreground of two adjacent rows y-1 and y seen from above (the
// columns where either row is foreground) falls into runs, the pair's
// clusters, whose pixels are all 8-connected (consecutive columns hold
// pixels of the same row, or of both rows diagonally adjacent). Two
// clusters of the same pair y in planes z and z-1 touch (some pixel of
// one is a 26-neighbour of some pixel of the other) exactly when their
// columns come within one of each other: every column holds a pixel of
// row y-1 or y, one row apart at most. And every 26-neighbour pair of
// rows y and y' = y-1, y, y+1 across the planes lies in one pair's
// clusters (pair max(y, y'), or pair 1 for y = y' = 0). So each row y > 0
// of a plane is joined with the row above (one merge of runs), then its
// pair's clusters with the same pair's in the plane before (one merge of
// clusters, about 35 each on the bench volume against 43 runs a row),
// instead of four merges of runs. Clusters are found from the two rows'
// bit masks, with no merge, each with a run it contains as its node:
// Binary images of bytes only.

// cluster is the columns [x0, x1) of a cluster and a run in it.
type cluster struct {
	x0, x1 int32
	rep    uint32
}

// pairClusters writes the clusters of two rows of n pixels whose masks are
// mu and mv and whose first runs are numbered ru and rv into out (at least
// as long as the rows have runs together) and returns their number. A
// cluster starts with a run of one of the rows (the column before it is
// empty in both): its number is the count of the row's run starts before
// it. The elements of out past the clusters may be overwritten.
func pairClusters(mu, mv []uint64, n int, ru, rv uint32, out []cluster) int {
	ns, ne := 0, 0
	var pw, pu, pv uint64 // the last bit of the previous word
	cu, cv := ru, rv      // the first run of each row starting in this word
	for k, wu := range mu {
		wv := mv[k]
		w := wu | wv
		x := int32(64 * k)
		sh := w<<1 | pw
		su := wu &^ (wu<<1 | pu)
		sv := wv &^ (wv<<1 | pv)
		for up := w &^ sh; up != 0; up &= up - 1 {
			b := bits.TrailingZeros64(up)
			below := uint64(1)<<b - 1
			iu := cu + uint32(bits.OnesCount64(su&below))
			iv := cv + uint32(bits.OnesCount64(sv&below))
			notU := uint32(wu>>b&1) - 1 // all ones when row u has no pixel here
			out[ns] = cluster{x0: x + int32(b), rep: iu ^ ((iu ^ iv) & notU)}
			ns++
		}
		// The ends, four at a time as maskRuns writes edges: a surplus
		// end lands on a cluster whose end comes later (or on none of
		// the pair's), and is written over then.
		dn := sh &^ w
		c := bits.OnesCount64(dn)
		if ne+(c+3)&^3 > len(out) { // only next to the end of out: exactly
			for ; dn != 0; dn &= dn - 1 {
				out[ne].x1 = x + int32(bits.TrailingZeros64(dn))
				ne++
			}
		} else {
			for q := ne; dn != 0; q += 4 {
				f := out[q : q+4 : q+4]
				f[0].x1 = x + int32(bits.TrailingZeros64(dn))
				dn &= dn - 1
				f[1].x1 = x + int32(bits.TrailingZeros64(dn))
				dn &= dn - 1
				f[2].x1 = x + int32(bits.TrailingZeros64(dn))
				dn &= dn - 1
				f[3].x1 = x + int32(bits.TrailingZeros64(dn))
				dn &= dn - 1
			}
			ne += c
		}
		cu += uint32(bits.OnesCount64(su))
		cv += uint32(bits.OnesCount64(sv))
		pw, pu, pv = w>>63, wu>>63, wv>>63
	}
	if ne < ns {
		out[ne].x1 = int32(n)
	}
	return ns
}

// mergePairs joins the clusters a of a row pair with the touching
// clusters b of the same pair in the plane before, through their runs:
// mergeRuns with both sides' nodes looked up. The roots of the current
// cluster of each side are kept in registers: a link leaves the smaller
// of two roots as the root of both, so a step looks up only the root of
// the cluster it stepped to (one lookup, not two).
func (f *forest) mergePairs(a, b []cluster, e int32) {
	if len(a) == 0 || len(b) == 0 {
		return
	}
	p := f.label
	i, k := 0, 0
	ra, rb := root(p, a[0].rep), root(p, b[0].rep)
	for {
		ca, cb := a[i], b[k]
		touch := uint32((cb.x0-ca.x1-e)&(ca.x0-cb.x1-e)) >> 31 * ^uint32(0)
		t := ra ^ ((ra ^ rb) & touch) // b's root when they touch, else a's (no link)
		lo := min(ra, t)
		p[max(ra, t)] = lo
		ra, rb = lo, rb^((rb^lo)&touch)
		c := int(uint64(int64(cb.x1)-int64(ca.x1)) >> 63) // 1: b ends first
		i += 1 - c
		k += c
		if i == len(a) || k == len(b) {
			return
		}
		// The side that stepped takes its new cluster's root.
		m := uint32(c) - 1 // all ones when a stepped
		r := root(p, b[k].rep^((b[k].rep^a[i].rep)&m))
		ra ^= (ra ^ r) & m
		rb ^= (rb ^ r) &^ m
	}
}
