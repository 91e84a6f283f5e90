package gips

import "syscall"

// physicalMemory is RAM plus swap in bytes, 0 if unknown.
func physicalMemory() int {
	var si syscall.Sysinfo_t
	if syscall.Sysinfo(&si) != nil {
		return 0
	}
	unit := uint64(max(si.Unit, 1))
	total := (uint64(si.Totalram) + uint64(si.Totalswap)) * unit
	if total > uint64(addressLimit) {
		return addressLimit
	}
	return int(total)
}
