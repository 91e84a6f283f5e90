package hugepage

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"
)

// TestAdviseMarksTheMapping checks in /proc/self/smaps that the whole
// huge pages of a fresh block carry the advice ("hg" in VmFlags).
func TestAdviseMarksTheMapping(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage"); err != nil {
		t.Skip("no transparent huge pages in this kernel")
	}
	s := make([]uint32, 3*Size/4+123)
	Advise(s)
	p := uintptr(unsafe.Pointer(&s[0]))
	lo, hi := interior(p, uintptr(len(s))*4)
	if hi <= lo {
		t.Fatalf("a block of %d bytes holds no whole huge page", len(s)*4)
	}
	flags, err := vmFlags(p + lo)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Fatalf("the mapping at %#x has VmFlags %q, no hg", p+lo, flags)
	}
}

// vmFlags reads the VmFlags line of the mapping that holds address a.
func vmFlags(a uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var start, end uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x", &start, &end); n == 2 && strings.Contains(line, " ") && !strings.HasSuffix(strings.Fields(line)[0], ":") {
			in = start <= a && a < end
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmFlags:")), nil
		}
	}
	return "", fmt.Errorf("no mapping holds %#x in /proc/self/smaps", a)
}
