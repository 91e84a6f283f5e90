package main

import (
	"fmt"
	"runtime"

	"github.com/gipsdev/gips"
)

// handleThreads sets how many threads gips uses (GOMAXPROCS: the par
// helper reads it on every call); 0 restores one per CPU. It returns the
// previous value. Counts above maxThreads are refused (ValueError): more
// workers than CPUs never speed a kernel up, and the runtime's cost per
// thread then dominates (measured on 2 CPUs: 1024 threads made a filter and
// a sum 6 times slower, 16384 170 times, and 10^6 hung the next op).
func handleThreads(req []byte) (any, error) {
	var r struct {
		N int `json:"n"`
	}
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	if r.N < 0 || r.N > maxThreads() {
		return nil, fmt.Errorf("threads: %d: want 0 (one per CPU) up to %d (4 per CPU, at least 64): %w", r.N, maxThreads(), gips.ErrRange)
	}
	n := r.N
	if n == 0 {
		n = runtime.NumCPU()
	}
	return runtime.GOMAXPROCS(n), nil
}

// maxThreads is the most threads setNumThreads accepts: 4 per CPU, room for
// a NumCPU that under-reports (a container) and for scripts written for a
// larger machine, and at least 64.
func maxThreads() int { return max(64, 4*runtime.NumCPU()) }

func handleVersion([]byte) (any, error) {
	names := make([]string, len(gips.BufferTypes))
	for i, t := range gips.BufferTypes {
		names[i] = t.String()
	}
	return map[string]any{"go": runtime.Version(), "bufferTypes": names}, nil
}

// geometryReply describes a valid geometry for a caller that allocates an
// image of it.
type geometryReply struct {
	Geometry wireGeometry `json:"geometry"`
	Shape    []int        `json:"shape"`   // numpy shape
	TypeStr  string       `json:"typestr"` // native dtype storing the buffer type
	Planes   int          `json:"planes"`
	Text     string       `json:"text"`
}

func describe(g gips.Geometry) (geometryReply, error) {
	dt, err := gips.DTypeOf(g.Type)
	if err != nil {
		return geometryReply{}, err
	}
	return geometryReply{Geometry: toWire(g), Shape: g.Shape(), TypeStr: string(dt), Planes: g.Planes(), Text: g.String()}, nil
}

func handleGeometry(req []byte) (any, error) {
	var w wireGeometry
	if err := decode(req, &w); err != nil {
		return nil, err
	}
	g, err := w.geometry()
	if err != nil {
		return nil, err
	}
	return describe(g)
}
