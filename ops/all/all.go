// Package all imports every family of gips ops, so that their
// registrations run: the gips command, the C API and the benchmarks import
// it for its side effect,
//
//	import _ "github.com/gipsdev/gips/ops/all"
//
// and then find every op through package ops. A Go program that needs only
// a few families imports those packages instead. A test checks that every
// package with a register.go is imported here.
package all

import (
	_ "github.com/gipsdev/gips/arith"
	_ "github.com/gipsdev/gips/color"
	_ "github.com/gipsdev/gips/distance"
	_ "github.com/gipsdev/gips/filter"
	_ "github.com/gipsdev/gips/label"
	_ "github.com/gipsdev/gips/logic"
	_ "github.com/gipsdev/gips/measure"
	_ "github.com/gipsdev/gips/morpho"
	_ "github.com/gipsdev/gips/segment"
	_ "github.com/gipsdev/gips/stats"
	_ "github.com/gipsdev/gips/threshold"
	_ "github.com/gipsdev/gips/transform"
	_ "github.com/gipsdev/gips/util"
)
