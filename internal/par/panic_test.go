package par

import (
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
)

// manyWorkers runs the test with at least four workers, so that For really
// goes parallel on a machine with fewer cores.
func manyWorkers(t *testing.T) {
	prev := runtime.GOMAXPROCS(max(4, runtime.NumCPU()))
	t.Cleanup(func() { runtime.GOMAXPROCS(prev) })
}

type bandFailure struct{ band int }

// panickyKernel panics in the band that holds row 57 of plane 2, in a named
// function so that the stack can be checked for it.
func panickyKernel(running *atomic.Int32) func(p, y0, y1 int) {
	return func(p, y0, y1 int) {
		running.Add(1)
		defer running.Add(-1)
		if p == 2 && y0 <= 57 && 57 < y1 {
			panicInBand(y0)
		}
		for range 1000 { // some work, so that other workers are mid-band
			runtime.Gosched()
		}
	}
}

func panicInBand(y0 int) { panic(bandFailure{y0}) }

// TestBandsPanicReturnsToCaller: a kernel that panics in one band makes
// Bands panic on the calling goroutine (without the fix the process aborts
// from the worker goroutine), after every worker has stopped, with the
// original value and the worker's stack.
func TestBandsPanicReturnsToCaller(t *testing.T) {
	manyWorkers(t)
	var running atomic.Int32
	r := func() (r any) {
		defer func() { r = recover() }()
		Bands(5, 100, 1, panickyKernel(&running))
		return nil
	}()
	if r == nil {
		t.Fatal("Bands returned normally; want the kernel's panic")
	}
	if n := running.Load(); n != 0 {
		t.Fatalf("%d kernel calls still running when the panic reached the caller", n)
	}
	p, ok := r.(*Panic)
	if !ok {
		t.Fatalf("recovered %T %v, want *par.Panic", r, r)
	}
	if _, ok := p.Value.(bandFailure); !ok {
		t.Fatalf("panic value %T %v, want the kernel's bandFailure", p.Value, p.Value)
	}
	if !strings.Contains(string(p.Stack), "panicInBand") {
		t.Fatalf("worker stack does not show the panicking function:\n%s", p.Stack)
	}
	if !strings.Contains(p.Error(), "panicInBand") {
		t.Fatalf("Error() does not include the worker stack: %s", p.Error())
	}
}

// TestForRuntimeErrorUnwraps: an index out of range in a worker comes back
// as a *Panic from which errors.As recovers the runtime.Error.
func TestForRuntimeErrorUnwraps(t *testing.T) {
	manyWorkers(t)
	small := make([]int, 10)
	r := func() (r any) {
		defer func() { r = recover() }()
		For(1000, 1, func(lo, hi int) {
			sum := 0 // read only: the workers share small
			for i := lo; i < hi; i++ {
				sum += small[i%11] // index 10 is out of range
			}
			_ = sum
		})
		return nil
	}()
	err, ok := r.(error)
	if !ok {
		t.Fatalf("recovered %T %v, want an error", r, r)
	}
	var re runtime.Error
	if !errors.As(err, &re) || !strings.Contains(re.Error(), "index out of range") {
		t.Fatalf("recovered %v: want a runtime.Error index out of range inside", err)
	}
}

// TestNestedForKeepsInnermostStack: a panic in a For inside a For's worker
// reaches the outer caller once, with the inner worker's stack.
func TestNestedForKeepsInnermostStack(t *testing.T) {
	manyWorkers(t)
	r := func() (r any) {
		defer func() { r = recover() }()
		For(8, 1, func(lo, hi int) {
			For(100, 1, func(lo, hi int) {
				if lo <= 42 && 42 < hi {
					panicInBand(lo)
				}
			})
		})
		return nil
	}()
	p, ok := r.(*Panic)
	if !ok {
		t.Fatalf("recovered %T %v, want *par.Panic", r, r)
	}
	if _, nested := p.Value.(*Panic); nested {
		t.Fatal("the inner *Panic was wrapped again")
	}
	if _, ok := p.Value.(bandFailure); !ok || !strings.Contains(string(p.Stack), "panicInBand") {
		t.Fatalf("value %v, stack:\n%s", p.Value, p.Stack)
	}
}
