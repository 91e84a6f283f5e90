package imageio

import (
	"fmt"
	"strconv"
	"strings"
)

// imagejMeta is what an ImageJ image description says about the layout
// and calibration. ImageJ stores pages in TZC order (channels fastest) and
// the pixel size in the resolution tags; spacing is the z step.
type imagejMeta struct {
	images, channels, slices, frames int
	spacing                          float64
	unit                             string
}

// parseImageJ reads an "ImageJ=..." description; ok is false for any other
// description. A count (images=, channels=, slices=, frames=) that is not
// a positive integer is an error naming it, and so are channels, slices
// and frames whose product overflows: such a file is corrupt, and
// trusting it would size the image by a number the file cannot back.
func parseImageJ(desc string) (m imagejMeta, ok bool, err error) {
	if !strings.HasPrefix(desc, "ImageJ=") {
		return m, false, nil
	}
	m = imagejMeta{channels: 1, slices: 1, frames: 1}
	counts := map[string]*int{"images": &m.images, "channels": &m.channels, "slices": &m.slices, "frames": &m.frames}
	for _, line := range strings.Split(desc, "\n") {
		k, v, found := strings.Cut(line, "=")
		if !found {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if dst, isCount := counts[k]; isCount {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return m, true, fmt.Errorf("tiff: ImageJ %s=%s: want a positive count: %w", k, v, ErrCorrupt)
			}
			*dst = n
			continue
		}
		switch k {
		case "spacing":
			if f, err := strconv.ParseFloat(v, 64); err == nil && f > 0 {
				m.spacing = f
			}
		case "unit":
			m.unit = imagejUnescape(v)
		}
	}
	if _, over := m.planes(); over {
		return m, true, fmt.Errorf("tiff: ImageJ channels=%d slices=%d frames=%d: the number of planes overflows: %w",
			m.channels, m.slices, m.frames, ErrCorrupt)
	}
	return m, true, nil
}

// planes is channels*slices*frames (0 for a zero imagejMeta); over
// reports an overflow.
func (m imagejMeta) planes() (n int, over bool) {
	n = 1
	for _, v := range []int{m.channels, m.slices, m.frames} {
		if v < 1 {
			return 0, false
		}
		if v > maxInt/n {
			return 0, true
		}
		n *= v
	}
	return n, false
}

const maxInt = int(^uint(0) >> 1)

// ImageJ writes non-ASCII units as Java escapes: "\u00B5m" for µm.
func imagejUnescape(s string) string {
	if !strings.Contains(s, `\u`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+6 <= len(s) && s[i+1] == 'u' {
			if r, err := strconv.ParseUint(s[i+2:i+6], 16, 32); err == nil {
				b.WriteRune(rune(r))
				i += 5
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func imagejEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, `\u%04X`, r)
		}
	}
	return b.String()
}

// formatImageJ writes a description the way tifffile's imagej_description
// does, so that tifffile and ImageJ read the hyperstack shape back.
func formatImageJ(channels, slices, frames int, rgb bool, spacing float64, unit string) string {
	var b strings.Builder
	b.WriteString("ImageJ=1.11a\n")
	fmt.Fprintf(&b, "images=%d\n", channels*slices*frames)
	if channels > 1 {
		fmt.Fprintf(&b, "channels=%d\n", channels)
	}
	if slices > 1 {
		fmt.Fprintf(&b, "slices=%d\n", slices)
	}
	if frames > 1 {
		fmt.Fprintf(&b, "frames=%d\n", frames)
	}
	b.WriteString("hyperstack=true\n")
	if !rgb {
		b.WriteString("mode=grayscale\n")
	}
	if frames > 1 {
		b.WriteString("loop=false\n")
	}
	if spacing > 0 && spacing != 1 {
		fmt.Fprintf(&b, "spacing=%s\n", strconv.FormatFloat(spacing, 'g', -1, 64))
	}
	if unit != "" {
		fmt.Fprintf(&b, "unit=%s\n", imagejEscape(unit))
	}
	return b.String()
}
