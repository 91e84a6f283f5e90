package measure

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// A filter expression is a condition on the columns of a table:
//
//	area > 100 and sphericity > 0.8
//	not (eulerNumber < 1) or perimeter / area >= 0.5
//
// Numbers, column names, + - * /, comparisons < <= > >= == !=, and, or,
// not (also &&, ||, !), and parentheses. A value is true when it is not 0
// (comparisons give 1 or 0); NaN compares false.

type node func(row []float64) float64

type parser struct {
	src  string
	toks []string
	pos  int
	cols map[string]int // column name -> position in the row
}

func tokenize(s string) ([]string, error) {
	var toks []string
	for i := 0; i < len(s); {
		c := rune(s[i])
		switch {
		case unicode.IsSpace(c):
			i++
		case unicode.IsLetter(c) || c == '_':
			j := i
			for j < len(s) && (unicode.IsLetter(rune(s[j])) || unicode.IsDigit(rune(s[j])) || s[j] == '_') {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		case unicode.IsDigit(c) || c == '.':
			j := i
			for j < len(s) && (unicode.IsDigit(rune(s[j])) || s[j] == '.' || s[j] == 'e' || s[j] == 'E' ||
				(s[j] == '-' || s[j] == '+') && (s[j-1] == 'e' || s[j-1] == 'E')) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		default:
			two := ""
			if i+1 < len(s) {
				two = s[i : i+2]
			}
			switch two {
			case "<=", ">=", "==", "!=", "&&", "||":
				toks = append(toks, two)
				i += 2
				continue
			}
			if !strings.ContainsRune("<>+-*/()!", c) {
				return nil, fmt.Errorf("expression %q: unexpected %q at %d: %w", s, c, i, ErrParam)
			}
			toks = append(toks, string(c))
			i++
		}
	}
	return toks, nil
}

func (p *parser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *parser) fail(why string) error {
	return fmt.Errorf("expression %q: %s (at %q): %w", p.src, why, p.peek(), ErrParam)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (p *parser) or() (node, error) {
	a, err := p.and()
	for err == nil && (p.peek() == "or" || p.peek() == "||") {
		p.pos++
		var b node
		if b, err = p.and(); err == nil {
			l, r := a, b
			a = func(x []float64) float64 { return b2f(l(x) != 0 || r(x) != 0) }
		}
	}
	return a, err
}

func (p *parser) and() (node, error) {
	a, err := p.not()
	for err == nil && (p.peek() == "and" || p.peek() == "&&") {
		p.pos++
		var b node
		if b, err = p.not(); err == nil {
			l, r := a, b
			a = func(x []float64) float64 { return b2f(l(x) != 0 && r(x) != 0) }
		}
	}
	return a, err
}

func (p *parser) not() (node, error) {
	if p.peek() == "not" || p.peek() == "!" {
		p.pos++
		a, err := p.not()
		return func(x []float64) float64 { return b2f(a(x) == 0) }, err
	}
	return p.cmp()
}

func (p *parser) cmp() (node, error) {
	a, err := p.sum()
	if err != nil {
		return nil, err
	}
	op := p.peek()
	var f func(a, b float64) bool
	switch op {
	case "<":
		f = func(a, b float64) bool { return a < b }
	case "<=":
		f = func(a, b float64) bool { return a <= b }
	case ">":
		f = func(a, b float64) bool { return a > b }
	case ">=":
		f = func(a, b float64) bool { return a >= b }
	case "==":
		f = func(a, b float64) bool { return a == b }
	case "!=":
		f = func(a, b float64) bool { return a != b }
	default:
		return a, nil
	}
	p.pos++
	b, err := p.sum()
	return func(x []float64) float64 { return b2f(f(a(x), b(x))) }, err
}

func (p *parser) sum() (node, error) {
	a, err := p.term()
	for err == nil && (p.peek() == "+" || p.peek() == "-") {
		op := p.peek()
		p.pos++
		var b node
		if b, err = p.term(); err == nil {
			l, r := a, b
			if op == "+" {
				a = func(x []float64) float64 { return l(x) + r(x) }
			} else {
				a = func(x []float64) float64 { return l(x) - r(x) }
			}
		}
	}
	return a, err
}

func (p *parser) term() (node, error) {
	a, err := p.unary()
	for err == nil && (p.peek() == "*" || p.peek() == "/") {
		op := p.peek()
		p.pos++
		var b node
		if b, err = p.unary(); err == nil {
			l, r := a, b
			if op == "*" {
				a = func(x []float64) float64 { return l(x) * r(x) }
			} else {
				a = func(x []float64) float64 { return l(x) / r(x) }
			}
		}
	}
	return a, err
}

func (p *parser) unary() (node, error) {
	if p.peek() == "-" {
		p.pos++
		a, err := p.unary()
		return func(x []float64) float64 { return -a(x) }, err
	}
	return p.primary()
}

func (p *parser) primary() (node, error) {
	t := p.peek()
	switch {
	case t == "":
		return nil, p.fail("unexpected end")
	case t == "(":
		p.pos++
		a, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.peek() != ")" {
			return nil, p.fail("want )")
		}
		p.pos++
		return a, nil
	case unicode.IsDigit(rune(t[0])) || t[0] == '.':
		v, err := strconv.ParseFloat(t, 64)
		if err != nil {
			return nil, p.fail("not a number")
		}
		p.pos++
		return func([]float64) float64 { return v }, nil
	case unicode.IsLetter(rune(t[0])) || t[0] == '_':
		i, ok := p.cols[t]
		if !ok {
			i = len(p.cols)
			p.cols[t] = i
		}
		p.pos++
		return func(x []float64) float64 { return x[i] }, nil
	}
	return nil, p.fail("unexpected token")
}

// parseFilter compiles an expression; cols lists the column names it
// reads, in the order of the row slice that the compiled function takes.
func parseFilter(s string) (node, []string, error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, nil, err
	}
	p := &parser{src: s, toks: toks, cols: map[string]int{}}
	f, err := p.or()
	if err != nil {
		return nil, nil, err
	}
	if p.pos != len(toks) {
		return nil, nil, p.fail("unexpected token")
	}
	cols := make([]string, len(p.cols))
	for n, i := range p.cols {
		cols[i] = n
	}
	return f, cols, nil
}
