package transform

import "testing"

// The spare coefficient volume goes to the next caller whatever its
// thread, once; a smaller volume does not replace a larger spare.
func TestCoefficientSpareIsHandedOnOnce(t *testing.T) {
	big := make([]float64, 1000)
	keepSpare(big)
	if keepSpare(make([]float64, 10)) {
		t.Fatal("a smaller volume replaced the spare")
	}
	got := make(chan []float64)
	go func() { got <- takeSpare(600) }()
	b := <-got
	if len(b) != 600 || &b[0] != &big[0] {
		t.Fatalf("takeSpare(600) on another goroutine: %d samples, same memory %v", len(b), len(b) > 0 && &b[0] == &big[0])
	}
	if takeSpare(10) != nil {
		t.Fatal("the spare was handed out twice")
	}
}
