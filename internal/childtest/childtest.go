// Package childtest runs a Go test's body in a child process, for tests
// whose failure is an abort of the whole process (a fatal out-of-memory, a
// panic in a goroutine) or a hang: the parent then reports the abort or
// the hang as that test's failure, and the other tests still run.
package childtest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

const env = "GIPS_CHILD_TEST"

// InChild reports whether this is the child. In the parent it runs the
// calling test again in a child process (the same test binary, -test.run
// matching this test only), fails the test unless the child passed within
// limit (a hang guard, not a timing assertion), and returns false:
//
//	if !childtest.InChild(t, time.Minute) {
//		return
//	}
//	... the body, which may abort ...
func InChild(t *testing.T, limit time.Duration) bool {
	t.Helper()
	if os.Getenv(env) == t.Name() {
		return true
	}
	// The context kills the child at the limit: no goroutine of ours waits.
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), env+"="+t.Name())
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("child process still running after %v (hang guard):\n%s", limit, out.String())
	}
	if err != nil || !strings.Contains(out.String(), "--- PASS: "+t.Name()) {
		t.Fatalf("child process failed (%v):\n%s", err, out.String())
	}
	return false
}
