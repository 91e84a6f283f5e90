package imageio

import (
	"fmt"
	"strconv"
)

// npyMaxHeader is numpy's own limit (numpy.lib.format._MAX_HEADER_SIZE):
// np.load refuses a longer header unless the file is trusted.
const npyMaxHeader = 10000

// parseNpyDict reads the header dictionary of a .npy file, a Python
// literal that numpy reads with ast.literal_eval. It accepts the subset of
// Python literal syntax that numpy writes, with the freedoms a hand-written
// header may take (either quote, any key order, spaces, tabs and newlines
// between tokens, a trailing comma), and refuses everything else, so that
// whatever it accepts numpy reads the same way:
//
//   - exactly the keys 'descr', 'fortran_order' and 'shape', each once
//     (literal_eval keeps the last of duplicated keys: refused here);
//   - descr a plain string literal (no prefix, no escape, no implicit
//     concatenation); fortran_order True or False; shape a tuple of
//     decimal integers: (), (3,), (3, 4), with no sign, no leading zero,
//     no underscore, no nesting;
//   - nothing after the closing brace but whitespace (numpy pads with
//     spaces and a newline). Comments are refused although Python allows
//     them.
func parseNpyDict(s string) (descr string, fortran bool, shape []int, err error) {
	p := pyLit{s: s}
	seen := map[string]bool{}
	p.space()
	if !p.eat('{') {
		return "", false, nil, p.errorf("want '{'")
	}
	for {
		p.space()
		if p.eat('}') {
			break
		}
		if len(seen) > 0 {
			if !p.eat(',') {
				return "", false, nil, p.errorf("want ',' or '}'")
			}
			p.space()
			if p.eat('}') {
				break
			}
		}
		key, err := p.str()
		if err != nil {
			return "", false, nil, err
		}
		if seen[key] {
			return "", false, nil, p.errorf("key %q appears twice", key)
		}
		seen[key] = true
		p.space()
		if !p.eat(':') {
			return "", false, nil, p.errorf("want ':' after %q", key)
		}
		p.space()
		switch key {
		case "descr":
			descr, err = p.str()
		case "fortran_order":
			fortran, err = p.boolean()
		case "shape":
			shape, err = p.tuple()
		default:
			return "", false, nil, p.errorf("unknown key %q", key)
		}
		if err != nil {
			return "", false, nil, err
		}
	}
	p.space()
	if p.i != len(p.s) {
		return "", false, nil, p.errorf("trailing %q after the dictionary", p.s[p.i:])
	}
	for _, k := range []string{"descr", "fortran_order", "shape"} {
		if !seen[k] {
			return "", false, nil, p.errorf("no %q key", k)
		}
	}
	return descr, fortran, shape, nil
}

// pyLit scans a Python literal.
type pyLit struct {
	s string
	i int
}

func (p *pyLit) errorf(format string, a ...any) error {
	return fmt.Errorf("npy: header %q at byte %d: %s: %w", p.s, p.i, fmt.Sprintf(format, a...), ErrCorrupt)
}

// space skips what Python's tokenizer skips between tokens inside
// brackets (and literal_eval before the expression).
func (p *pyLit) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
}

func (p *pyLit) eat(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func isIdent(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// str reads a string literal of printable ASCII without backslashes.
func (p *pyLit) str() (string, error) {
	if p.i >= len(p.s) || p.s[p.i] != '\'' && p.s[p.i] != '"' {
		return "", p.errorf("want a string")
	}
	q := p.s[p.i]
	for j := p.i + 1; j < len(p.s); j++ {
		switch c := p.s[j]; {
		case c == q:
			v := p.s[p.i+1 : j]
			p.i = j + 1
			return v, nil
		case c == '\\' || c < ' ' || c > '~':
			return "", p.errorf("string with byte %#x", c)
		}
	}
	return "", p.errorf("unterminated string")
}

func (p *pyLit) word() string {
	j := p.i
	for j < len(p.s) && isIdent(p.s[j]) {
		j++
	}
	w := p.s[p.i:j]
	p.i = j
	return w
}

func (p *pyLit) boolean() (bool, error) {
	switch w := p.word(); w {
	case "True":
		return true, nil
	case "False":
		return false, nil
	default:
		return false, p.errorf("fortran_order %q: want True or False", w)
	}
}

// tuple reads (), (n,) or (n, m, ...) with an optional trailing comma.
// (n) is an int in Python, not a tuple, and is refused as numpy refuses it.
func (p *pyLit) tuple() ([]int, error) {
	if !p.eat('(') {
		return nil, p.errorf("shape: want a tuple")
	}
	out := []int{}
	for {
		p.space()
		if p.eat(')') {
			// A trailing comma returns below: (n) is the int n.
			if len(out) == 1 {
				return nil, p.errorf("shape (%d) is an int, not a tuple", out[0])
			}
			return out, nil
		}
		if len(out) > 0 {
			if !p.eat(',') {
				return nil, p.errorf("shape: want ',' or ')'")
			}
			p.space()
			if p.eat(')') {
				return out, nil
			}
		}
		w := p.word()
		if w == "" || (w[0] == '0' && len(w) > 1) {
			return nil, p.errorf("shape entry %q: want a decimal integer", w)
		}
		v, err := strconv.ParseUint(w, 10, 62)
		if err != nil {
			return nil, p.errorf("shape entry %q: want a decimal integer", w)
		}
		if p.i < len(p.s) && p.s[p.i] == '.' {
			return nil, p.errorf("shape entry %q.: want an integer", w)
		}
		out = append(out, int(v))
	}
}
