package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/gipsdev/gips/ops"
)

// cmdOps prints the catalogue: every op, or one family or op, as text or
// as the registry's JSON.
func cmdOps(args []string, w io.Writer) error {
	asJSON, filter := false, ""
	for _, a := range args {
		switch {
		case a == "--json":
			asJSON = true
		case strings.HasPrefix(a, "-"):
			return usagef("ops: unknown flag %s", a)
		case filter != "":
			return usagef("ops: one FAMILY or OP at most")
		default:
			filter = a
		}
	}
	var list []*ops.Op
	for _, op := range ops.List() {
		if filter == "" || op.Name == filter || op.Family() == filter {
			list = append(list, op)
		}
	}
	if len(list) == 0 {
		return fmt.Errorf("ops: no op or family %q: %w", filter, ops.ErrUnknownOp)
	}
	if asJSON {
		b, err := json.MarshalIndent(list, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(w, string(b))
		return err
	}
	for i, op := range list {
		if i > 0 {
			fmt.Fprintln(w)
		}
		describe(w, op)
	}
	return nil
}

// describe prints one op as a help page.
func describe(w io.Writer, op *ops.Op) {
	var ins []string
	for _, in := range op.Inputs {
		ins = append(ins, strings.ToUpper(in.Name))
	}
	out := " -o OUT"
	if op.Returns != ops.ResultImage {
		out = "   -> " + string(op.Returns)
	}
	fmt.Fprintf(w, "%s %s%s\n", op.Name, strings.Join(ins, " "), out)
	fmt.Fprintln(w, wrap(op.Doc, "    ", 76))
	for _, in := range op.Inputs {
		types := "any type"
		if in.Types != nil {
			types = strings.Trim(fmt.Sprint(in.Types), "[]")
		}
		fmt.Fprintf(w, "    %-14s %s\n", strings.ToUpper(in.Name), types)
	}
	for _, p := range op.Params {
		fmt.Fprintf(w, "    --%-12s %s%s\n", p.Name, paramSummary(p), docSuffix(p.Doc))
	}
}

func paramSummary(p ops.Param) string {
	s := string(p.Kind)
	switch {
	case p.Kind == ops.Enum:
		s = strings.Join(p.Choices, "|")
	case p.Min != nil || p.Max != nil:
		lo, hi := "", ""
		if p.Min != nil {
			lo = fmt.Sprint(*p.Min)
		}
		if p.Max != nil {
			hi = fmt.Sprint(*p.Max)
		}
		s += fmt.Sprintf(" in [%s, %s]", lo, hi)
	}
	if p.Required() {
		return s + ", required"
	}
	d := fmt.Sprint(p.Default)
	if v, ok := p.Default.([]float64); ok {
		d = strings.Trim(strings.ReplaceAll(fmt.Sprint(v), " ", ","), "[]")
	}
	return s + ", default " + d
}

func docSuffix(doc string) string {
	if doc == "" {
		return ""
	}
	return ": " + doc
}

// wrap fills text into lines of at most width characters, indented.
func wrap(text, indent string, width int) string {
	var b strings.Builder
	line := indent
	for _, word := range strings.Fields(text) {
		if len(line) > len(indent) && len(line)+1+len(word) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += word
	}
	b.WriteString(line)
	return b.String()
}
