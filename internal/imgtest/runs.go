package imgtest

import "math/rand/v2"

// Runs is n values in runs of 1 to maxRun equal ones, each run's value
// drawn by next: a label image of many labels in short runs, the input of
// the label and measurement tests against a brute force.
func Runs[T any](rng *rand.Rand, n, maxRun int, next func() T) []T {
	v := make([]T, n)
	for i := 0; i < n; {
		x := next()
		for k := 1 + rng.IntN(maxRun); k > 0 && i < n; k-- {
			v[i] = x
			i++
		}
	}
	return v
}
