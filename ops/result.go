package ops

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gipsdev/gips"
)

// ResultKind says what an op returns.
type ResultKind string

const (
	ResultImage     ResultKind = "image"     // Result.Image
	ResultNumber    ResultKind = "number"    // Result.Number: one value (an Otsu threshold)
	ResultRecord    ResultKind = "record"    // Result.Record: named values in order (min, max, mean, ...)
	ResultVector    ResultKind = "vector"    // Result.Vector: a list of values (percentiles)
	ResultHistogram ResultKind = "histogram" // Result.Histogram: counts and bin edges
	ResultTable     ResultKind = "table"     // Result.Table: named float64 columns of one length (a measurement table)
)

// Result is what an op returns: an image, or a typed scalar result. Numbers
// are float64, exact for integers up to 2^53; JSON gives NaN and ±Inf as
// the strings "NaN", "Inf" and "-Inf".
type Result struct {
	Kind      ResultKind
	Image     *gips.Image
	Number    float64
	Record    []Field
	Vector    []float64
	Histogram *Histogram
	Table     *Table
	// Release, when set, gives the memory of the vector, histogram or
	// table back to the op's pool: a caller that has copied the values
	// may call it once, and then uses them no more (the C API does, after
	// the copy into numpy's blocks). Not calling it is fine: the values
	// are then garbage like any other.
	Release func()
}

// Table is named float64 columns of one length, in order, each with a
// unit ("" for none): one row per object of a measurement.
type Table struct {
	Names   []string
	Units   []string
	Columns [][]float64
}

// TableResult wraps a table; the slices are shared, not copied.
func TableResult(names, units []string, columns [][]float64) Result {
	return Result{Kind: ResultTable, Table: &Table{Names: names, Units: units, Columns: columns}}
}

// Field is one named value of a record.
type Field struct {
	Name  string
	Value float64
}

// Histogram is Counts[i] values in [Edges[i], Edges[i+1]) (the last bin
// closed); len(Edges) == len(Counts)+1.
type Histogram struct {
	Counts []int64
	Edges  []float64
}

// ImageResult wraps an image.
func ImageResult(img *gips.Image) Result { return Result{Kind: ResultImage, Image: img} }

// NumberResult wraps one number.
func NumberResult(v float64) Result { return Result{Kind: ResultNumber, Number: v} }

// RecordResult wraps named numbers; their order is kept.
func RecordResult(fields ...Field) Result { return Result{Kind: ResultRecord, Record: fields} }

// VectorResult wraps a list of numbers.
func VectorResult(v []float64) Result { return Result{Kind: ResultVector, Vector: v} }

// HistogramResult wraps a histogram.
func HistogramResult(counts []int64, edges []float64) Result {
	return Result{Kind: ResultHistogram, Histogram: &Histogram{Counts: counts, Edges: edges}}
}

// Get is a record's value by name.
func (r Result) Get(name string) (float64, bool) {
	for _, f := range r.Record {
		if f.Name == name {
			return f.Value, true
		}
	}
	return 0, false
}

// num is a float64 that marshals NaN and infinities as strings, which JSON
// has no numbers for.
type num float64

func (n num) MarshalJSON() ([]byte, error) {
	f := float64(n)
	switch {
	case math.IsNaN(f):
		return []byte(`"NaN"`), nil
	case math.IsInf(f, 1):
		return []byte(`"Inf"`), nil
	case math.IsInf(f, -1):
		return []byte(`"-Inf"`), nil
	}
	return json.Marshal(f)
}

func nums(v []float64) []num {
	out := make([]num, len(v))
	for i, f := range v {
		out[i] = num(f)
	}
	return out
}

// MarshalJSON gives {"kind": ..., "value": ...}: a number, an object of
// the record's fields (in order), a list, or {"counts": [...], "edges":
// [...]}; an image result gives its geometry. A table gives an object of
// its columns in order, each a list ({"label": [1, 2], "area": [10, 4]}),
// and a third member "units": {"area": "px^2", ...} (columns with a unit).
func (r Result) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, `{"kind":%q,"value":`, r.Kind)
	var v any
	switch r.Kind {
	case ResultImage:
		if r.Image == nil {
			v = nil
		} else {
			v = geometryJSON(r.Image.Geometry())
		}
	case ResultNumber:
		v = num(r.Number)
	case ResultVector:
		v = nums(r.Vector)
	case ResultHistogram:
		h := r.Histogram
		if h == nil {
			h = &Histogram{}
		}
		v = struct {
			Counts []int64 `json:"counts"`
			Edges  []num   `json:"edges"`
		}{h.Counts, nums(h.Edges)}
	case ResultTable:
		t := r.Table
		if t == nil {
			t = &Table{}
		}
		b.WriteByte('{')
		for i, name := range t.Names {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(name)
			x, _ := json.Marshal(nums(t.Columns[i]))
			b.Write(k)
			b.WriteByte(':')
			b.Write(x)
		}
		b.WriteString(`},"units":{`)
		first := true
		for i, name := range t.Names {
			if i < len(t.Units) && t.Units[i] != "" {
				if !first {
					b.WriteByte(',')
				}
				first = false
				k, _ := json.Marshal(name)
				u, _ := json.Marshal(t.Units[i])
				b.Write(k)
				b.WriteByte(':')
				b.Write(u)
			}
		}
		b.WriteString("}}")
		return []byte(b.String()), nil
	case ResultRecord:
		b.WriteByte('{')
		for i, f := range r.Record {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(f.Name)
			x, _ := num(f.Value).MarshalJSON()
			b.Write(k)
			b.WriteByte(':')
			b.Write(x)
		}
		b.WriteString("}}")
		return []byte(b.String()), nil
	default:
		return nil, fmt.Errorf("ops: result of unknown kind %q", r.Kind)
	}
	x, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	b.Write(x)
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// String is the result as a person reads it: one number, "name = value"
// lines, a list, a histogram table, or a table as CSV (a header of names,
// with units in brackets, then one line per row).
func (r Result) String() string {
	g := func(f float64) string { return fmt.Sprintf("%.10g", f) }
	switch r.Kind {
	case ResultImage:
		if r.Image == nil {
			return "<no image>"
		}
		return r.Image.String()
	case ResultNumber:
		return g(r.Number)
	case ResultRecord:
		var b strings.Builder
		for _, f := range r.Record {
			fmt.Fprintf(&b, "%s = %s\n", f.Name, g(f.Value))
		}
		return strings.TrimSuffix(b.String(), "\n")
	case ResultVector:
		s := make([]string, len(r.Vector))
		for i, f := range r.Vector {
			s[i] = g(f)
		}
		return strings.Join(s, " ")
	case ResultTable:
		var b strings.Builder
		if t := r.Table; t != nil {
			for i, name := range t.Names {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(name)
				if i < len(t.Units) && t.Units[i] != "" {
					b.WriteString(" [" + t.Units[i] + "]")
				}
			}
			rows := 0
			if len(t.Columns) > 0 {
				rows = len(t.Columns[0])
			}
			for r := range rows {
				b.WriteByte('\n')
				for i, c := range t.Columns {
					if i > 0 {
						b.WriteByte(',')
					}
					if v := c[r]; v == math.Trunc(v) && math.Abs(v) < 1<<53 {
						b.WriteString(strconv.FormatInt(int64(v), 10))
					} else {
						b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
					}
				}
			}
		}
		return b.String()
	case ResultHistogram:
		var b strings.Builder
		if h := r.Histogram; h != nil {
			for i, c := range h.Counts {
				if i+1 < len(h.Edges) {
					fmt.Fprintf(&b, "[%s, %s) %d\n", g(h.Edges[i]), g(h.Edges[i+1]), c)
				} else {
					fmt.Fprintf(&b, "%d %d\n", i, c)
				}
			}
		}
		return strings.TrimSuffix(b.String(), "\n")
	}
	return fmt.Sprintf("<result of kind %q>", r.Kind)
}

// geometryJSON is a geometry as the C API and Python read it: numpy shape
// and dtype as well as gips' sizes.
func geometryJSON(g gips.Geometry) map[string]any {
	dt, _ := gips.DTypeOf(g.Type)
	return map[string]any{
		"type": g.Type.String(), "dtype": string(dt), "shape": g.Shape(),
		"sizeX": g.SizeX, "sizeY": g.SizeY, "sizeZ": g.SizeZ, "sizeC": g.SizeC, "sizeT": g.SizeT,
		"color": g.Color.String(), "volume": g.Volume, "sequence": g.Sequence,
	}
}
