package transform

import (
	"math"
	"strings"
)

func nanv() float64 { return math.NaN() }
func inf() float64  { return math.Inf(1) }

func stringsContains(s, sub string) bool { return strings.Contains(s, sub) }
