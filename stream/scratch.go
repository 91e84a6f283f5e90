package stream

import (
	"fmt"
	"os"
)

// scratch is a temporary file for an engine's intermediate results.
type scratch struct {
	*os.File
	name string // "" once the name is removed
}

// scratchFile creates a temporary file in dir (os.CreateTemp's pattern)
// and reserves size bytes for it where the file system can (fallocate),
// so that a full disk is an error before the work rather than in its
// middle. Where the system allows it (Unix) the name is removed at once:
// the open file lives on without one, and nothing is left behind however
// the process ends (an error, an interrupt, a kill). Elsewhere close
// removes it.
func scratchFile(dir, pattern string, size int64) (*scratch, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, fmt.Errorf("temporary file beside the output: %w", err)
	}
	s := &scratch{File: f, name: f.Name()}
	if os.Remove(s.name) == nil {
		s.name = ""
	}
	if err := reserve(f, size); err != nil {
		s.close()
		return nil, fmt.Errorf("temporary file %s of %s: %w", f.Name(), FormatBytes(size), err)
	}
	return s, nil
}

// close closes the file and removes it if its name is still there.
func (s *scratch) close() {
	s.File.Close()
	if s.name != "" {
		os.Remove(s.name)
	}
}
