//go:build !linux

package gips

// physicalMemory is unknown here: MaxAlloc falls back to the address limit.
func physicalMemory() int { return 0 }
