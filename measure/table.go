package measure

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"

	"github.com/gipsdev/gips/internal/scratch"
)

// Table is a column-major table: one row per label (sorted by label, the
// background 0 absent), one float64 column per measure. Columns keep the
// order in which they were asked for; Units[i] is the unit of column i
// ("" for a count, an index or a ratio).
type Table struct {
	Names   []string
	Units   []string
	Columns [][]float64
}

// Len is the number of rows.
func (t *Table) Len() int {
	if t == nil || len(t.Columns) == 0 {
		return 0
	}
	return len(t.Columns[0])
}

// Index is the position of the named column, or -1.
func (t *Table) Index(name string) int {
	for i, n := range t.Names {
		if n == name {
			return i
		}
	}
	return -1
}

// Column is the named column (shared, not copied), or nil.
func (t *Table) Column(name string) []float64 {
	if i := t.Index(name); i >= 0 {
		return t.Columns[i]
	}
	return nil
}

// Labels is the label column as integers.
func (t *Table) Labels() []uint32 {
	c := t.Column("label")
	out := make([]uint32, len(c))
	for i, v := range c {
		out[i] = uint32(v)
	}
	return out
}

// release gives the columns, which LabelAnalysis took from the pool,
// back to it; t is not used after.
func (t *Table) release() {
	for _, c := range t.Columns {
		scratch.Put(&pool, c)
	}
	t.Columns = nil
}

func (t *Table) add(name, unit string, col []float64) {
	t.Names = append(t.Names, name)
	t.Units = append(t.Units, unit)
	t.Columns = append(t.Columns, col)
}

// Header is a column's CSV header: its name, and its unit in brackets when
// it has one ("centroidX [um]").
func (t *Table) Header(i int) string {
	if t.Units[i] == "" {
		return t.Names[i]
	}
	return t.Names[i] + " [" + t.Units[i] + "]"
}

// WriteCsv writes the table as CSV: a header line of Header(i), then one
// line per label, numbers in the shortest form that reads back to the same
// float64 (integers without a decimal point; NaN and Inf as "nan", "inf",
// "-inf", which pandas and Python's float() read).
func (t *Table) WriteCsv(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for i := range t.Names {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString(t.Header(i))
	}
	bw.WriteByte('\n')
	var num []byte
	for r := range t.Len() {
		for i, c := range t.Columns {
			if i > 0 {
				bw.WriteByte(',')
			}
			num = appendNumber(num[:0], c[r])
			bw.Write(num)
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func appendNumber(b []byte, v float64) []byte {
	switch {
	case v != v:
		return append(b, "nan"...)
	case v > 1.7976931348623157e308:
		return append(b, "inf"...)
	case v < -1.7976931348623157e308:
		return append(b, "-inf"...)
	}
	if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// SaveCsv writes the table to a CSV file (see WriteCsv).
func (t *Table) SaveCsv(path string) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("saveCsv: %w", err)
	}
	defer func() {
		if e := f.Close(); err == nil && e != nil {
			err = fmt.Errorf("saveCsv: %w", e)
		}
	}()
	if err := t.WriteCsv(f); err != nil {
		return fmt.Errorf("saveCsv %s: %w", path, err)
	}
	return nil
}
