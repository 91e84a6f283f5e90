// Package ops is the registry of gips algorithms: one descriptor (Op) per
// algorithm, from which every surface is driven. The gips command, the C
// API and the Python package, the docs and the Dask adapter all list ops,
// parse their parameters and call them through this package, so adding an
// algorithm never touches them.
//
// # Calling an op
//
//	res, err := ops.Call("arith.addScalar", []*gips.Image{img}, nil, map[string]any{"value": 5})
//	out := res.Image
//
// Call looks the op up, parses the parameters (Parse: defaults, kinds,
// ranges), checks the inputs' count and buffer types, computes the output
// geometry (Op.Output), allocates the output or checks the caller's, and
// runs the op. Errors name the op and the parameter or input at fault and
// wrap ErrUnknownOp, ErrParam, ErrInput or ErrOutput; a panic inside an op
// comes back as an error.
//
// The C API calls it the same way: inputs wrapped from numpy with
// gips.FromArray, parameters from the JSON object Python sent (decoded into
// map[string]any), and for image ops an output that numpy owns, allocated
// from Op.OutputGeometry and wrapped before the call. Halo gives Dask its
// overlap depth; Describe gives the JSON catalogue the Python functions are
// generated from.
//
// Call, Lookup, List, Parse, OutputGeometry, Halo and Describe are safe
// for concurrent use (the C API calls them from many Python threads);
// Register is for init functions.
//
// # Conventions
//
//   - Names are "family.op": the family is a Go package (arith, util, ...),
//     the op its reference-SDK name in camelCase ("util.convertImg").
//   - Parameter names are lower case with '_' (Python keywords, "--flags"),
//     and the same across families: sigma, size, mode (always a border
//     mode), cval, value, output (always an output buffer type),
//     connectivity; out is the caller's output image.
//   - Per-axis vectors (kind Floats) are x first, like gips sizes; one value
//     stands for every axis.
//   - Output: the caller's image if given (exactly the geometry Output
//     gives), otherwise a new C-contiguous image. An op with InPlace set
//     accepts an output that is one of its inputs, pixel for pixel; any
//     other sharing of memory between output and inputs is refused.
//   - Scalar results (a threshold, statistics, a histogram) are a Result of
//     kind number, record, vector or histogram, printable and JSON.
//
// # Adding an op
//
// Write the algorithm in its family package with a plain Go API (see
// package arith). Then, beside the kernels, in the family's register.go
// (as image/png registers itself with package image), register a
// descriptor per op from init, and import the family in package ops/all,
// which every surface imports (a test there fails when a family is
// missing). The registry core imports only the root package:
//
//	func init() {
//		Register(&Op{
//			Name:   "arith.addScalar",
//			Doc:    "Adds a constant to every pixel; integer results saturate ...",
//			Inputs: []Input{{Name: "image", Types: Numeric}},
//			Params: []Param{{Name: "value", Doc: "the constant", Kind: Float}}, // no Default: required
//			Output: SameAsFirst, // or a func of input geometries and Values
//			InPlace: true,
//			Run: func(in []*gips.Image, out *gips.Image, p Values) (Result, error) {
//				return ImageResult(out), arith.AddScalarInto(out, in[0], p.Float("value"))
//			},
//		})
//	}
//
// Register panics on a malformed descriptor or a duplicate name, so a
// mistake fails every test run. Neighbourhood ops set Halo; scalar ops
// leave Output nil and set Returns. Every op gets a test in its family
// package that compares it with an independent reference (numpy, scipy);
// the ops tests check that every descriptor parses its defaults and runs.
package ops
