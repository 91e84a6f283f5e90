package stream

import (
	"encoding/binary"
	"fmt"
	"runtime/debug"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/label"
	"github.com/gipsdev/gips/ops"
)

// labelComponents is label.components out of core, in two passes over
// slabs of z planes (no halo):
//
//  1. each slab is labelled on its own (label.ComponentsInto, Label32):
//     its components are numbered 1..n in the slab's raster order. Every
//     (slab, local label) is a node, numbered slab after slab; the nodes
//     of two touching slabs are joined across their faces (the last plane
//     of one against the first of the next, at the op's connectivity,
//     equal values for a non-binary image) in a union-find whose root is
//     the set's lowest node.
//  2. a component's lowest node is the (slab, label) of its first pixel in
//     raster order (z is the slowest axis, and within a slab the local
//     labels follow the raster order), so numbering the roots in node
//     order numbers the components exactly as the whole-volume labelling
//     does. Each slab is labelled again, its local labels mapped to these
//     numbers and written.
//
// The union-find costs 8 bytes per node (local components summed over the
// slabs), beyond the budget.
func (r *runner) labelComponents() error {
	g := r.geoms[0]
	if g.SizeC != 1 || g.SizeT != 1 {
		return fmt.Errorf("input %v: out of core, label.components takes a grey 2D image or volume: %w", g, ErrUnsupported)
	}
	conn, err := ops.ConnectivityOf(r.p, g)
	if err != nil {
		return err
	}
	// Label32 slabs: the local labels, then the global ones.
	lg := g.WithType(gips.Label32)
	sz := g.SizeZ
	r.out.SizeZ = sz
	saved := r.out
	r.out = lg // the slab cost of a Label32 output
	d, err := r.depth(0)
	r.out = saved
	if err != nil {
		return err
	}
	slabs := (sz + d - 1) / d
	r.stats = Stats{Op: r.op.Name, Output: r.out, Planes: d, Slabs: slabs, Budget: r.o.Memory}
	lg.SizeZ = min(sz, d)
	block, err := gips.CreateImage(lg)
	if err != nil {
		return fmt.Errorf("slab of %d planes: %w", lg.SizeZ, err)
	}
	binaryIn := g.Type == gips.Binary
	isz := g.Type.ItemSize()
	px := g.SizeX * g.SizeY
	var (
		uf     unionFind
		offset = make([]int, slabs+1) // first node of each slab
		last   = make([]uint32, px)   // the previous slab's last plane of labels
	)
	slab := func(s int) (*gips.Image, *gips.Image, int, error) {
		z0, z1 := s*d, min(sz, (s+1)*d)
		in, err := volumeRegion(r.in[0].Image, z0, z1)
		if err != nil {
			return nil, nil, 0, err
		}
		out, err := volumeRegion(block, 0, z1-z0)
		if err != nil {
			return nil, nil, 0, err
		}
		n, err := label.ComponentsInto(out, in, conn)
		return in, out, n, err
	}
	for s := range slabs {
		if err := r.check(); err != nil {
			return err
		}
		in, out, n, err := slab(s)
		if err != nil {
			return err
		}
		offset[s+1] = offset[s] + n
		if err := uf.grow(offset[s+1]); err != nil {
			return err
		}
		if s > 0 {
			// Join this slab's first plane to the last plane of the one before.
			z := s * d
			prevIn, err := r.in[0].ExtractPlane(z-1, 0, 0)
			if err != nil {
				return err
			}
			r.joinFaces(&uf, conn, last, offset[s-1], out, offset[s], prevIn, in, binaryIn, isz)
		}
		copyLabels(last, out, out.SizeZ()-1)
		dropZ(r.in[0], 0, min(sz, (s+1)*d)-1)
		debug.FreeOSMemory()
		r.progress(min(sz, (s+1)*d), 2*sz)
	}
	labels, n := uf.number()
	if max := maxOf(r.out.Type); n > max {
		return fmt.Errorf("%d components do not fit output %v (at most %d): %w", n, r.out.Type, max, ops.ErrOutput)
	}
	if err := r.create(r.outPath); err != nil {
		return err
	}
	og := r.out
	og.SizeZ = lg.SizeZ
	oblock, err := gips.CreateImage(og)
	if err != nil {
		return err
	}
	for s := range slabs {
		if err := r.check(); err != nil {
			return err
		}
		_, out, _, err := slab(s)
		if err != nil {
			return err
		}
		z0, z1 := s*d, min(sz, (s+1)*d)
		dst, err := volumeRegion(oblock, 0, z1-z0)
		if err != nil {
			return err
		}
		globalLabels(dst, out, labels[offset[s]:offset[s+1]])
		if err := r.writeZ(dst, z0, z0, z1); err != nil {
			return err
		}
		dropZ(r.in[0], 0, z1)
		debug.FreeOSMemory()
		r.progress(sz+z1, 2*sz)
	}
	return r.w.Commit()
}

// maxOf is the largest label a type holds.
func maxOf(t gips.BufferType) int {
	_, hi := t.Range()
	return int(hi)
}

// copyLabels copies plane z of a Label32 image into dst.
func copyLabels(dst []uint32, img *gips.Image, z int) {
	w := img.SizeX()
	for y := range img.SizeY() {
		row := img.Row(z, y)
		for x := range w {
			dst[y*w+x] = binary.NativeEndian.Uint32(row[4*x:])
		}
	}
}

// joinFaces unions the labels of the previous slab's last plane (prev,
// nodes from prevOff, input plane prevIn) with those of this slab's first
// plane (plane 0 of cur, nodes from curOff, input plane 0 of curIn): two
// pixels join when they are neighbours at conn across the face, both
// foreground, and, for a non-binary image, of equal value.
func (r *runner) joinFaces(uf *unionFind, conn gips.Connectivity, prev []uint32, prevOff int, cur *gips.Image, curOff int,
	prevIn, curIn *gips.Image, binaryIn bool, isz int) {
	w, h := cur.SizeX(), cur.SizeY()
	reach := int(conn) - 1 // 0: straight across; 1: and the 4 edge neighbours; 2: all 9
	for y := range h {
		row := cur.Row(0, y)
		var vin []byte
		if !binaryIn {
			vin = curIn.Row(0, y)
		}
		for x := range w {
			l := binary.NativeEndian.Uint32(row[4*x:])
			if l == 0 {
				continue
			}
			for dy := -1; dy <= 1; dy++ {
				yy := y + dy
				if yy < 0 || yy >= h {
					continue
				}
				var pin []byte
				if !binaryIn {
					pin = prevIn.Row(0, yy)
				}
				for dx := -1; dx <= 1; dx++ {
					xx := x + dx
					if xx < 0 || xx >= w || abs(dx)+abs(dy) > reach {
						continue
					}
					m := prev[yy*w+xx]
					if m == 0 {
						continue
					}
					if !binaryIn && string(vin[x*isz:(x+1)*isz]) != string(pin[xx*isz:(xx+1)*isz]) {
						continue
					}
					uf.union(curOff+int(l)-1, prevOff+int(m)-1)
				}
			}
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// globalLabels writes into dst (the output type) the global label of each
// local label of src (Label32): local label l is global[l-1].
func globalLabels(dst, src *gips.Image, global []uint32) {
	isz := dst.Type().ItemSize()
	w := src.SizeX()
	for i := range src.NumPlanes() {
		for y := range src.SizeY() {
			s, o := src.Row(i, y), dst.Row(i, y)
			for x := range w {
				v := uint32(0)
				if l := binary.NativeEndian.Uint32(s[4*x:]); l > 0 {
					v = global[l-1]
				}
				switch isz {
				case 1:
					o[x] = byte(v)
				case 2:
					binary.NativeEndian.PutUint16(o[2*x:], uint16(v))
				default:
					binary.NativeEndian.PutUint32(o[4*x:], v)
				}
			}
		}
	}
}

// unionFind is a disjoint-set forest over nodes 0..n-1 whose root is
// always the set's lowest node.
type unionFind struct{ parent []uint32 }

func (u *unionFind) grow(n int) error {
	if err := gips.CheckAlloc("label nodes", n, 4); err != nil {
		return err
	}
	if n >= 1<<32 {
		return fmt.Errorf("%d label nodes: more than 2^32: %w", n, gips.ErrTooLarge)
	}
	for i := len(u.parent); i < n; i++ {
		u.parent = append(u.parent, uint32(i))
	}
	return nil
}

func (u *unionFind) find(i int) int {
	p := u.parent
	for int(p[i]) != i {
		p[i] = p[p[i]] // path halving
		i = int(p[i])
	}
	return i
}

func (u *unionFind) union(a, b int) {
	a, b = u.find(a), u.find(b)
	switch {
	case a < b:
		u.parent[b] = uint32(a)
	case b < a:
		u.parent[a] = uint32(b)
	}
}

// number gives each node its set's number, sets numbered 1.. in the order
// of their lowest nodes, and the number of sets. It reuses the forest's
// memory.
func (u *unionFind) number() ([]uint32, int) {
	p := u.parent
	// A parent is always lower than its child: in node order, every
	// parent is already pointing at its root.
	for i := range p {
		p[i] = p[p[i]]
	}
	n := 0
	for i := range p {
		if int(p[i]) == i {
			n++
			p[i] = uint32(n)
		} else {
			p[i] = p[p[i]] // the root, lower, holds its number already
		}
	}
	return p, n
}
