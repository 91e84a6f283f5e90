//go:build !linux || !amd64

package par

// Elsewhere the CPU is not read, and a helper never moves (see leaveCaller).
func cpuNow() uint32 { return noCPU }

func moveOffNow(cpu uint32) bool { return false }
