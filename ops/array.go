package ops

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/gipsdev/gips"
)

// LoadArray reads an Array parameter given as a file name on the command
// line. The registry cannot read files (it imports only the root package):
// the gips command sets it to imageio's loader. nil: only literals.
var LoadArray func(path string) (*gips.Image, error)

// toArray turns an Array parameter's value into a small image: an image
// (used as it is), a gips.Array (wrapped, copied if its layout needs it),
// numpy-ordered nested lists (JSON, or a literal string "[[0,1],[1,1]]"),
// or a file name when LoadArray is set. Sizes are checked before anything
// is allocated.
func toArray(x any) (*gips.Image, error) {
	switch v := x.(type) {
	case *gips.Image:
		if n := v.Geometry().Pixels(); n > MaxArrayElements {
			return nil, fmt.Errorf("has %d values, more than %d", n, MaxArrayElements)
		}
		return v, nil
	case gips.Array:
		img, err := gips.FromArray(v)
		if err != nil {
			return nil, err
		}
		return toArray(img)
	case string:
		s := strings.TrimSpace(v)
		if strings.HasPrefix(s, "[") {
			var nested any
			if err := json.Unmarshal([]byte(s), &nested); err != nil {
				return nil, fmt.Errorf("is not a nested list of numbers: %v", err)
			}
			return nestedArray(nested)
		}
		if LoadArray == nil {
			return nil, fmt.Errorf("is not a nested list of numbers")
		}
		img, err := LoadArray(s)
		if err != nil {
			return nil, err
		}
		return toArray(img)
	case []any:
		return nestedArray(v)
	case map[string]any: // {"shape": [...], "data": [...], "f64le": "..." or "u8": "..."}, numpy order, C order
		return flatArray(v)
	}
	return nil, fmt.Errorf("is not an array")
}

// nestedArray reads numpy-ordered nested lists of 1 to 3 levels.
func nestedArray(x any) (*gips.Image, error) {
	var shape []int
	for cur := x; ; {
		l, ok := cur.([]any)
		if !ok {
			break
		}
		if len(shape) == 3 {
			return nil, fmt.Errorf("has more than 3 dimensions")
		}
		if len(l) == 0 {
			return nil, fmt.Errorf("has an empty dimension")
		}
		shape = append(shape, len(l))
		cur = l[0]
	}
	if len(shape) == 0 {
		return nil, fmt.Errorf("is not a list")
	}
	n := 1
	for _, s := range shape {
		if n > MaxArrayElements/s {
			return nil, fmt.Errorf("has more than %d values", MaxArrayElements)
		}
		n *= s
	}
	data := make([]float64, 0, n)
	var walk func(x any, d int) error
	walk = func(x any, d int) error {
		if d == len(shape) {
			f, ok := toFloat(x)
			if b, isBool := x.(bool); isBool { // a numpy bool footprint arrives as true/false
				f, ok = 0, true
				if b {
					f = 1
				}
			}
			if !ok {
				return fmt.Errorf("holds %v, not a number", show(x))
			}
			data = append(data, f)
			return nil
		}
		l, ok := x.([]any)
		if !ok || len(l) != shape[d] {
			return fmt.Errorf("is ragged: want shape %v", shape)
		}
		for _, e := range l {
			if err := walk(e, d+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(x, 0); err != nil {
		return nil, err
	}
	return arrayImage(data, shape)
}

func flatArray(m map[string]any) (*gips.Image, error) {
	sh, ok := toFloats(m["shape"])
	if !ok || len(sh) < 1 || len(sh) > 3 {
		return nil, fmt.Errorf("has no shape of 1 to 3 dimensions")
	}
	shape := make([]int, len(sh))
	n := 1
	for i, s := range sh {
		if s < 1 || s > MaxArrayElements || s != float64(int(s)) {
			return nil, fmt.Errorf("has shape %v", sh)
		}
		shape[i] = int(s)
		if n > MaxArrayElements/shape[i] {
			return nil, fmt.Errorf("has more than %d values", MaxArrayElements)
		}
		n *= shape[i]
	}
	if s, ok := m["f64le"].(string); ok {
		return packedArray(s, shape, n)
	}
	if s, ok := m["u8"].(string); ok {
		return byteArray(s, shape, n)
	}
	raw, ok := m["data"].([]any)
	if !ok || len(raw) != n {
		return nil, fmt.Errorf("has data of the wrong length for shape %v", shape)
	}
	data := make([]float64, n)
	for i, e := range raw {
		if data[i], ok = toFloat(e); !ok {
			return nil, fmt.Errorf("holds %v, not a number", show(e))
		}
	}
	return arrayImage(data, shape)
}

// packedArray reads the values of a flat array given as "f64le": base64
// of the little-endian float64 values, as the Python binding sends
// footprints and kernels. A ball(20) footprint, 68 921 values, took 7 ms
// to write as a JSON list in Python and 10 ms to read into interfaces
// here; its packed form takes well under a millisecond either side. The
// string's length is checked against the shape before it is decoded.
func packedArray(s string, shape []int, n int) (*gips.Image, error) {
	if len(s) != base64.StdEncoding.EncodedLen(8*n) {
		return nil, fmt.Errorf("has f64le data of %d base64 characters, want %d for shape %v", len(s), base64.StdEncoding.EncodedLen(8*n), shape)
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != 8*n {
		return nil, fmt.Errorf("has f64le data that is not base64 of %d float64 values", n)
	}
	data := make([]float64, n)
	for i := range data {
		data[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return arrayImage(data, shape)
}

// byteArray reads the values of a flat array given as "u8": base64 of
// one byte a value (0 to 255), as the Python binding sends boolean and
// uint8 footprints (skimage's ball and disk are uint8). A ball(20)
// footprint as float64 was 735 KB of base64 that took Python about 3 ms
// to write and encoding/json 4.6 ms to read, more than a small erosion
// by it; as bytes it is an eighth. The length is checked first, as
// packedArray's. The image is UInt8, the bytes as they came: the array
// parameters' users convert what they need (morpho.FromImage reads bytes
// as they are).
func byteArray(s string, shape []int, n int) (*gips.Image, error) {
	if len(s) != base64.StdEncoding.EncodedLen(n) {
		return nil, fmt.Errorf("has u8 data of %d base64 characters, want %d for shape %v", len(s), base64.StdEncoding.EncodedLen(n), shape)
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != n {
		return nil, fmt.Errorf("has u8 data that is not base64 of %d bytes", n)
	}
	return arrayImage(b, shape)
}

// arrayImage wraps C-ordered values of a numpy shape as an image: a 1D
// array is one row, a 3D array a volume.
func arrayImage[T gips.Pixel](data []T, shape []int) (*gips.Image, error) {
	var a gips.Array
	switch len(shape) {
	case 1:
		a = gips.ArrayOf(data, 1, shape[0])
	case 2:
		a = gips.ArrayOf(data, shape[0], shape[1])
	default:
		a = gips.ArrayOf(data, shape...)
	}
	return gips.FromArray(a)
}
