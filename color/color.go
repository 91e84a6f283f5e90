package color

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// Option sets the output type of a conversion.
type Option func(*gips.BufferType)

// WithOutput sets the output type (default FloatType of the input,
// skimage's rule). An integer type holds the float result scaled back,
// rounded half away from zero and saturated: results in [0, 1] times the
// type's maximum (uint8: round(255·v)), YCbCr's 8-bit units times max/255,
// and Lab (UInt8 only) as OpenCV's 8-bit Lab: L·255/100, a + 128, b + 128.
func WithOutput(t gips.BufferType) Option { return func(o *gips.BufferType) { *o = t } }

func outType(opts []Option) gips.BufferType {
	var t gips.BufferType
	for _, o := range opts {
		o(&t)
	}
	return t
}

// RgbToGrey is skimage.color.rgb2gray: 0.2125 R + 0.7154 G + 0.0721 B, a
// grey image of the RGB image's sizes. The weights are skimage's (BT.709
// luma of linear RGB), not OpenCV's cvtColor RGB2GRAY (BT.601: 0.299,
// 0.587, 0.114): with WithOutput(gips.UInt8) a uint8 image gives
// round(0.2125 R + 0.7154 G + 0.0721 B) where OpenCV gives round(0.299 R +
// 0.587 G + 0.114 B). The output is float64 by default, as skimage's
// (Real32 for a Real32 input).
func RgbToGrey(img *gips.Image, opts ...Option) (*gips.Image, error) {
	return toGrey.apply(img, outType(opts))
}

// RgbToGreyInto is RgbToGrey into a grey image of img's sizes, of any
// plain numeric type (its type is the output type, WithOutput's rule).
func RgbToGreyInto(dst, img *gips.Image) error { return toGrey.into(dst, img) }

// RgbToHsv is skimage.color.rgb2hsv: hue in [0, 1), saturation, value;
// a three-channel (MultiChannel) image.
func RgbToHsv(img *gips.Image, opts ...Option) (*gips.Image, error) {
	return toHsv.apply(img, outType(opts))
}

// RgbToHsvInto is RgbToHsv into dst.
func RgbToHsvInto(dst, img *gips.Image) error { return toHsv.into(dst, img) }

// HsvToRgb is skimage.color.hsv2rgb; the input is any three-channel image.
func HsvToRgb(img *gips.Image, opts ...Option) (*gips.Image, error) {
	return fromHsv.apply(img, outType(opts))
}

// HsvToRgbInto is HsvToRgb into dst.
func HsvToRgbInto(dst, img *gips.Image) error { return fromHsv.into(dst, img) }

// RgbToLab is skimage.color.rgb2lab with its defaults (illuminant D65, 2°
// observer): L in [0, 100], a and b.
func RgbToLab(img *gips.Image, opts ...Option) (*gips.Image, error) {
	return toLab.apply(img, outType(opts))
}

// RgbToLabInto is RgbToLab into dst.
func RgbToLabInto(dst, img *gips.Image) error { return toLab.into(dst, img) }

// LabToRgb is skimage.color.lab2rgb (D65, 2°): z below 0 is clipped to 0
// (skimage warns) and the result to [0, 1].
func LabToRgb(img *gips.Image, opts ...Option) (*gips.Image, error) {
	return fromLab.apply(img, outType(opts))
}

// LabToRgbInto is LabToRgb into dst.
func LabToRgbInto(dst, img *gips.Image) error { return fromLab.into(dst, img) }

// RgbToYCbCr is skimage.color.rgb2ycbcr (ITU-R BT.601): Y in [16, 235],
// Cb and Cr in [16, 240] for an input in [0, 1].
func RgbToYCbCr(img *gips.Image, opts ...Option) (*gips.Image, error) {
	return toYCbCr.apply(img, outType(opts))
}

// RgbToYCbCrInto is RgbToYCbCr into dst.
func RgbToYCbCrInto(dst, img *gips.Image) error { return toYCbCr.into(dst, img) }

// GreyToRgb is skimage.color.gray2rgb: the grey image copied into three
// channels, its type kept. MergeChannels(img, img, img) is the same image
// as a view (no copy; a write to one channel is then a write to all).
func GreyToRgb(img *gips.Image) (*gips.Image, error) {
	g := img.Geometry()
	if g.SizeC != 1 {
		return nil, fmt.Errorf("greyToRgb: %v has %d channels: want a grey image: %w", g, g.SizeC, gips.ErrShape)
	}
	g.SizeC, g.Color = 3, gips.RGB
	out, err := gips.CreateImage(g)
	if err != nil {
		return nil, fmt.Errorf("greyToRgb: %w", err)
	}
	out.SetCalibration(img.Calibration())
	return out, greyToRgbInto(out, img)
}

// SplitChannels is one grey view per channel of img: no copy, writes
// through a channel are writes into img.
func SplitChannels(img *gips.Image) ([]*gips.Image, error) {
	out := make([]*gips.Image, img.SizeC())
	for c := range out {
		v, err := img.ChannelView(c)
		if err != nil {
			return nil, fmt.Errorf("splitChannels: %w", err)
		}
		out[c] = v
	}
	return out, nil
}

// MergeChannels is one image whose channels are the given grey images
// (RGB for three, MultiChannel otherwise), as a view over their planes: no
// copy (gips.StackChannels). gips.Copy makes it one contiguous block.
func MergeChannels(channels ...*gips.Image) (*gips.Image, error) {
	m := gips.MultiChannel
	if len(channels) == 3 {
		m = gips.RGB
	}
	v, err := gips.StackChannels(channels, m)
	if err != nil {
		return nil, fmt.Errorf("mergeChannels: %w", err)
	}
	return v, nil
}
