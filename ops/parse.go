package ops

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Parse turns a key-value map into the op's Values: the map the C API
// decodes from JSON (numbers as float64, vectors as []any), a Go caller's
// map (int, float64, []float64, a gips.BufferType for an enum of type
// names, ...), or strings as typed on a command line. Missing parameters
// take their defaults; an unknown name, a missing required parameter, a
// value of the wrong kind or out of range is an error that names the op,
// the parameter and what is allowed.
func (op *Op) Parse(m map[string]any) (Values, error) {
	for k := range m {
		if op.Param(k) == nil {
			return nil, fmt.Errorf("%s: unknown parameter %q (the op takes %s): %w", op.Name, k, op.paramNames(), ErrParam)
		}
	}
	v := make(Values, len(op.Params))
	for i := range op.Params {
		p := &op.Params[i]
		x, ok := m[p.Name]
		if !ok || x == nil {
			if p.Required() {
				return nil, fmt.Errorf("%s: parameter %s is required: %s: %w", op.Name, p.Name, p.rangeString(), ErrParam)
			}
			x = p.Default
		}
		if x == nil || (p.Optional && isNone(x)) {
			v[p.Name] = nil // an Optional parameter left out
			continue
		}
		c, err := op.convert(p, x)
		if err != nil {
			return nil, err
		}
		v[p.Name] = c
	}
	return v, nil
}

// ParseArgs reads "--name value" and "--name=value" pairs from a command
// line and returns the Values and the arguments that are not parameters
// (the input files), in order. A Bool parameter may stand alone ("--flag"
// means true) unless the next argument is a boolean word. "--" ends the
// parameters.
func (op *Op) ParseArgs(args []string) (Values, []string, error) {
	m := map[string]any{}
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "--") || len(a) == 2 {
			rest = append(rest, a)
			continue
		}
		name, val, hasVal := strings.Cut(a[2:], "=")
		name = strings.ReplaceAll(name, "-", "_")
		p := op.Param(name)
		if p == nil {
			return nil, nil, fmt.Errorf("%s: unknown parameter --%s (the op takes %s): %w", op.Name, name, op.paramNames(), ErrParam)
		}
		if !hasVal {
			if p.Kind == Bool {
				val = "true"
				if i+1 < len(args) {
					if _, err := parseBool(args[i+1]); err == nil {
						val = args[i+1]
						i++
					}
				}
			} else {
				if i+1 >= len(args) {
					return nil, nil, fmt.Errorf("%s: parameter --%s needs a value: %s: %w", op.Name, name, p.rangeString(), ErrParam)
				}
				val = args[i+1]
				i++
			}
		}
		m[name] = val
	}
	v, err := op.Parse(m)
	return v, rest, err
}

func (op *Op) paramNames() string {
	if len(op.Params) == 0 {
		return "no parameters"
	}
	names := make([]string, len(op.Params))
	for i, p := range op.Params {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// convert checks one value against its parameter and returns it as the
// kind's Go type.
func (op *Op) convert(p *Param, x any) (any, error) {
	bad := func(why string) error {
		return fmt.Errorf("%s: parameter %s: %v %s: want %s: %w", op.Name, p.Name, show(x), why, p.rangeString(), ErrParam)
	}
	switch p.Kind {
	case Float:
		f, ok := toFloat(x)
		if !ok {
			return nil, bad("is not a number")
		}
		if !p.inRange(f) {
			return nil, bad("is out of range")
		}
		return f, nil
	case Int:
		f, ok := toFloat(x)
		if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return nil, bad("is not an integer")
		}
		if !p.inRange(f) {
			return nil, bad("is out of range")
		}
		return int(f), nil
	case Bool:
		switch b := x.(type) {
		case bool:
			return b, nil
		case string:
			if v, err := parseBool(b); err == nil {
				return v, nil
			}
		}
		return nil, bad("is not a boolean")
	case Enum:
		s, ok := toString(x)
		if b, isBool := x.(bool); isBool {
			// A boolean names the choice "true" or "false" where an enum
			// offers them: skimage's resize(anti_aliasing=False).
			s, ok = strconv.FormatBool(b), true
		}
		if !ok {
			return nil, bad("is not a name")
		}
		for _, c := range p.Choices {
			if strings.EqualFold(s, c) {
				return c, nil
			}
		}
		return nil, bad("is not a choice")
	case String:
		s, ok := toString(x)
		if !ok {
			return nil, bad("is not a string")
		}
		return s, nil
	case Names:
		names, ok := toNames(x)
		if !ok {
			return nil, bad("is not a name or a list of names")
		}
		if len(names) == 0 {
			return nil, bad("is empty")
		}
		return names, nil
	case Floats, Ints, Numbers:
		fs, ok := toFloats(x)
		if !ok {
			return nil, bad("is not a list of numbers")
		}
		switch {
		case p.Kind != Numbers && (len(fs) < 1 || len(fs) > 3):
			return nil, bad(fmt.Sprintf("has %d values", len(fs)))
		case p.Kind == Numbers && p.Len > 0 && len(fs) != p.Len:
			return nil, bad(fmt.Sprintf("has %d values", len(fs)))
		case p.Kind == Numbers && len(fs) == 0:
			return nil, bad("is empty")
		}
		for _, f := range fs {
			if !p.inRange(f) {
				return nil, bad("is out of range")
			}
		}
		if p.Kind != Ints {
			return fs, nil
		}
		is := make([]int, len(fs))
		for i, f := range fs {
			if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
				return nil, bad("is not a list of integers")
			}
			is[i] = int(f)
		}
		return is, nil
	case Array:
		img, err := toArray(x)
		if err != nil {
			return nil, bad(err.Error())
		}
		return img, nil
	}
	return nil, bad("has an unknown kind")
}

func show(x any) string {
	if s, ok := x.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(x)
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a boolean", s)
}

func toString(x any) (string, bool) {
	switch s := x.(type) {
	case string:
		return s, true
	case fmt.Stringer: // gips.BufferType for an enum of type names
		return s.String(), true
	}
	return "", false
}

// toNames reads a list of strings, or one string of comma-separated names
// (the command line's form, "area,centroidX"), each trimmed; empty entries
// (a trailing comma) are dropped.
func toNames(x any) ([]string, bool) {
	var raw []string
	switch v := x.(type) {
	case string:
		raw = strings.Split(v, ",")
	case []string:
		raw = v
	case []any:
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			raw = append(raw, s)
		}
	default:
		return nil, false
	}
	out := []string{}
	for _, s := range raw {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out, true
}

func toFloat(x any) (float64, bool) {
	switch v := x.(type) {
	case float64:
		return v, true
	case float32:
		return float64(v), true
	case int:
		return float64(v), true
	case int8:
		return float64(v), true
	case int16:
		return float64(v), true
	case int32:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint:
		return float64(v), true
	case uint8:
		return float64(v), true
	case uint16:
		return float64(v), true
	case uint32:
		return float64(v), true
	case uint64:
		return float64(v), true
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil
	}
	return 0, false
}

// isNone is a None given for an Optional parameter: nil, or on a command
// line the word none.
func isNone(x any) bool {
	s, ok := x.(string)
	return x == nil || ok && strings.EqualFold(strings.TrimSpace(s), "none")
}

func toFloats(x any) ([]float64, bool) {
	var out []float64
	switch v := x.(type) {
	case []float64:
		return append(out, v...), true
	case []float32:
		for _, e := range v {
			out = append(out, float64(e))
		}
		return out, true
	case []int:
		for _, e := range v {
			out = append(out, float64(e))
		}
		return out, true
	case []any:
		for _, e := range v {
			f, ok := toFloat(e)
			if !ok {
				return nil, false
			}
			out = append(out, f)
		}
		return out, true
	case string:
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '[' && v[len(v)-1] == ']' || v[0] == '(' && v[len(v)-1] == ')') {
			v = v[1 : len(v)-1] // a Python-style literal: [25, 75] or (0, 100)
		}
		if strings.TrimSpace(v) == "" {
			return out, true
		}
		for _, e := range strings.Split(v, ",") {
			f, ok := toFloat(e)
			if !ok {
				return nil, false
			}
			out = append(out, f)
		}
		return out, true
	}
	if f, ok := toFloat(x); ok {
		return []float64{f}, true
	}
	return nil, false
}
