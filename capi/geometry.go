package main

import (
	"runtime"

	"github.com/gipsdev/gips"
)

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
