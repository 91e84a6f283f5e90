package imageio

import (
	"encoding/binary"
	"math"
	"sort"
)

// ifdBuilder collects the fields of one IFD; writeTo lays them out, values
// too large for their entry right after the IFD.
type ifdBuilder struct {
	order  byteOrder
	big    bool
	fields []field
}

type field struct {
	tag, typ uint16
	count    uint64
	data     []byte // the value bytes in file order
}

func (b *ifdBuilder) add(tag, typ uint16, count uint64, data []byte) {
	b.fields = append(b.fields, field{tag, typ, count, data})
}

// short adds a single SHORT or LONG value.
func (b *ifdBuilder) short(tag, typ uint16, v uint64) {
	if typ == typeShort {
		b.add(tag, typ, 1, b.order.AppendUint16(nil, uint16(v)))
		return
	}
	b.add(tag, typ, 1, b.order.AppendUint32(nil, uint32(v)))
}

// shorts adds an array of SHORT values.
func (b *ifdBuilder) shorts(tag uint16, v []uint64) {
	var d []byte
	for _, x := range v {
		d = b.order.AppendUint16(d, uint16(x))
	}
	b.add(tag, typeShort, uint64(len(v)), d)
}

// offsets adds LONG values, or LONG8 in BigTIFF.
func (b *ifdBuilder) offsets(tag uint16, v []uint64) {
	var d []byte
	typ := uint16(typeLong)
	if b.big {
		typ = typeLong8
	}
	for _, x := range v {
		if b.big {
			d = b.order.AppendUint64(d, x)
		} else {
			d = b.order.AppendUint32(d, uint32(x))
		}
	}
	b.add(tag, typ, uint64(len(v)), d)
}

func (b *ifdBuilder) ascii(tag uint16, s string) {
	b.add(tag, typeASCII, uint64(len(s)+1), append([]byte(s), 0))
}

func (b *ifdBuilder) rational(tag uint16, v float64) {
	num, den := ratio(v)
	d := b.order.AppendUint32(nil, num)
	b.add(tag, typeRational, 1, b.order.AppendUint32(d, den))
}

// writeTo writes the IFD at tw's position (which must be even) followed by
// its out-of-line values. It returns the IFD's offset and the offset of
// its next-IFD field, left zero.
func (b *ifdBuilder) writeTo(tw *tiffWriter) (off, next uint64, err error) {
	sort.Slice(b.fields, func(i, j int) bool { return b.fields[i].tag < b.fields[j].tag })
	cnt, ent, inline := uint64(2), uint64(12), 4
	if b.big {
		cnt, ent, inline = 8, 20, 8
	}
	off = tw.pos
	n := uint64(len(b.fields))
	next = off + cnt + n*ent
	extra := next + uint64(inline) // out-of-line values start here
	var head, tail []byte
	if b.big {
		head = b.order.AppendUint64(head, n)
	} else {
		head = b.order.AppendUint16(head, uint16(n))
	}
	for _, f := range b.fields {
		head = b.order.AppendUint16(head, f.tag)
		head = b.order.AppendUint16(head, f.typ)
		if b.big {
			head = b.order.AppendUint64(head, f.count)
		} else {
			head = b.order.AppendUint32(head, uint32(f.count))
		}
		if len(f.data) <= inline {
			v := make([]byte, inline)
			copy(v, f.data)
			head = append(head, v...)
			continue
		}
		if len(tail)%2 == 1 {
			tail = append(tail, 0)
		}
		o := extra + uint64(len(tail))
		if b.big {
			head = b.order.AppendUint64(head, o)
		} else {
			head = b.order.AppendUint32(head, uint32(o))
		}
		tail = append(tail, f.data...)
	}
	head = append(head, make([]byte, inline)...)
	if err := tw.write(head); err != nil {
		return 0, 0, err
	}
	return off, next, tw.write(tail)
}

// byteOrder reads and appends: binary.LittleEndian and BigEndian are both.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// ratio approximates v > 0 by num/den with both fitting in uint32 (the
// best continued-fraction convergent), as RATIONAL fields need.
func ratio(v float64) (uint32, uint32) {
	if !(v > 0) || math.IsInf(v, 0) {
		return 1, 1
	}
	var h0, h1, k0, k1 uint64 = 0, 1, 1, 0
	x := v
	for i := 0; i < 64; i++ {
		a := math.Floor(x)
		if a > math.MaxUint32 {
			break
		}
		h2, k2 := uint64(a)*h1+h0, uint64(a)*k1+k0
		if h2 > math.MaxUint32 || k2 > math.MaxUint32 {
			break
		}
		h0, h1, k0, k1 = h1, h2, k1, k2
		if x-a < 1e-12 {
			break
		}
		x = 1 / (x - a)
	}
	if h1 == 0 || k1 == 0 {
		return 1, 1
	}
	return uint32(h1), uint32(k1)
}
