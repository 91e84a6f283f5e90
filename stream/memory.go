package stream

import (
	"fmt"
	"strconv"
	"strings"
)

// DefaultMemory is the budget when none is given: a quarter of the
// machine's RAM (1 GiB where it is unknown).
func DefaultMemory() int64 {
	if n := physicalMemory(); n > 0 {
		return n / 4
	}
	return 1 << 30
}

// ParseBytes reads a memory size as the gips command takes it: a number
// of bytes with an optional unit, binary (KiB, MiB, GiB, TiB) or decimal
// (kB, MB, GB, TB; K, M, G, T are binary, as in ulimit): 256MiB, 1.5G, 4096.
func ParseBytes(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := len(t)
	for i > 0 && (t[i-1] < '0' || t[i-1] > '9') && t[i-1] != '.' {
		i--
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	mult := map[string]float64{"": 1, "b": 1,
		"k": 1 << 10, "kib": 1 << 10, "m": 1 << 20, "mib": 1 << 20, "g": 1 << 30, "gib": 1 << 30, "t": 1 << 40, "tib": 1 << 40,
		"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12}[unit]
	v, err := strconv.ParseFloat(num, 64)
	if mult == 0 || err != nil || v <= 0 || v*mult >= 1<<62 {
		return 0, fmt.Errorf("memory size %q: want a positive number of bytes with an optional unit (256MiB, 4G, 1.5GiB)", s)
	}
	return int64(v * mult), nil
}
