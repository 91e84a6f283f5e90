// Command gips runs gips algorithms on image files.
//
//	gips ops [--json] [FAMILY|OP]             the catalogue of ops with their docs
//	gips info FILE...                         geometry, type, calibration, layout, range
//	gips convert IN OUT [--output T] [--scaling S] another format (by extension) or buffer type
//	gips run OP [--param value ...] IN... [-o OUT] [--json]
//	gips measure LABELS [--intensity IMG] [-o TABLE.csv]  the label analysis table
//	gips demo [--size N] [--out DIR]          a synthetic CT volume: Gaussian, Otsu, statistics
//	gips view FILE [--port N] [--html OUT]    slices, histogram and geometry in a browser
//
// Every op comes from the registry (package ops): `gips run` parses the
// op's own parameters, so a new op needs no change here.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gipsdev/gips/imageio"
	"github.com/gipsdev/gips/ops"
	_ "github.com/gipsdev/gips/ops/all"
)

// A footprint or kernel parameter may name a file: the registry reads it
// through imageio.
func init() { ops.LoadArray = imageio.Load }

// usageError is a mistake on the command line: exit status 2 and a hint.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

const usage = `usage:
  gips ops [--json] [FAMILY|OP]           list the ops and their parameters
  gips info FILE...                       describe image files
  gips convert IN OUT [--output T] [--scaling clamp|scale|minmax]
  gips run OP [--param value ...] IN... [-o OUT] [--json]
  gips measure LABELS [--intensity IMG] [--measures a,b] [-o TABLE.csv]
  gips demo [--size N] [--seed S] [--out DIR]
  gips view FILE [--port N] [--html OUT.html] [--c C] [--t T]
`

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	if err == nil {
		return
	}
	fmt.Fprintln(os.Stderr, "gips:", err)
	var u usageError
	if errors.As(err, &u) {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	os.Exit(1)
}

// run is the whole command, testable without a process.
func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("no command")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "ops":
		return cmdOps(rest, stdout)
	case "info":
		return cmdInfo(rest, stdout)
	case "convert":
		return cmdConvert(rest, stdout)
	case "run":
		return cmdRun(rest, stdout)
	case "measure":
		return cmdMeasure(rest, stdout)
	case "demo":
		return cmdDemo(rest, stdout, stderr)
	case "view":
		return cmdView(rest, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usagef("unknown command %q", cmd)
}
