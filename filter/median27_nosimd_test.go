//go:build !(goexperiment.simd && amd64)

package filter

import "testing"

// forEachSIMDWidth runs f once: the pure-Go build has no SIMD rows.
func forEachSIMDWidth(t *testing.T, f func(t *testing.T)) { t.Run("Go", f) }
