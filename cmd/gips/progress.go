package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progress draws a bar on a terminal line as work is reported done, from
// any goroutine (kernels running in internal/par bands call it); it
// redraws at most every 100 ms.
type progress struct {
	mu          sync.Mutex
	w           io.Writer
	label       string
	total, n    int
	start, drew time.Time
}

// newProgress starts a bar on w if w is a terminal; elsewhere (a file, a
// pipe, a test) the bar writes nothing.
func newProgress(w io.Writer, label string, total int) *progress {
	return newProgressTo(w, label, total, false)
}

// newProgressTo is newProgress, drawing on any w when force is set
// (gips run --progress).
func newProgressTo(w io.Writer, label string, total int, force bool) *progress {
	if f, ok := w.(*os.File); !force && (!ok || !isTerminal(f)) {
		w = io.Discard
	}
	p := &progress{w: w, label: label, total: total, start: time.Now()}
	p.draw()
	return p
}

// add reports k more units done.
func (p *progress) add(k int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n += k
	if time.Since(p.drew) >= 100*time.Millisecond || p.n >= p.total {
		p.draw()
	}
}

func (p *progress) draw() {
	const width = 30
	f := float64(p.n) / float64(max(p.total, 1))
	full := int(f * width)
	fmt.Fprintf(p.w, "\r  %-22s [%s%s] %3.0f%%", p.label, strings.Repeat("#", full), strings.Repeat(".", width-full), 100*f)
	p.drew = time.Now()
}

// finish ends the bar's line.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n = p.total
	p.draw()
	fmt.Fprintln(p.w)
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
