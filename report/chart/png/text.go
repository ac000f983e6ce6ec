package png

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// textCanvas is a vgimg canvas that draws upright text straight onto its image, glyph masks
// cached across charts. vgimg draws every glyph of every label through a bilinear image
// transform from a font face made afresh for each string, which was a quarter of the time a
// chart took; here an upright string costs one cached mask per glyph, composited in place.
// Rotated or scaled text (the value axis's label) is still drawn by vgimg, which keeps its
// own transform in step: every transform is passed on.
type textCanvas struct {
	*vgimg.Canvas
	img   *image.RGBA
	dpi   float64
	h     float64 // the image's height in dots
	cur   state
	stack []state
	faces map[faceKey]xfont.Face
}

// state is the part of the graphics state text needs: a translation in dots (y up) and the
// colour; plain is false once a rotation or scaling makes the fast path wrong.
type state struct {
	tx, ty float64
	plain  bool
	col    color.Color
}

func newTextCanvas(c *vgimg.Canvas) *textCanvas {
	img, _ := c.Image().(*image.RGBA)
	_, h := c.Size()
	return &textCanvas{Canvas: c, img: img, dpi: c.DPI(), h: h.Dots(c.DPI()),
		cur: state{plain: img != nil, col: color.Black}, faces: map[faceKey]xfont.Face{}}
}

func (c *textCanvas) SetColor(col color.Color) {
	c.cur.col = col
	c.Canvas.SetColor(col)
}

func (c *textCanvas) Push() {
	c.stack = append(c.stack, c.cur)
	c.Canvas.Push()
}

func (c *textCanvas) Pop() {
	c.cur = c.stack[len(c.stack)-1]
	c.stack = c.stack[:len(c.stack)-1]
	c.Canvas.Pop()
}

func (c *textCanvas) Translate(pt vg.Point) {
	c.cur.tx += pt.X.Dots(c.dpi)
	c.cur.ty += pt.Y.Dots(c.dpi)
	c.Canvas.Translate(pt)
}

func (c *textCanvas) Rotate(t float64) {
	if t != 0 {
		c.cur.plain = false
	}
	c.Canvas.Rotate(t)
}

func (c *textCanvas) Scale(x, y float64) {
	if x != 1 || y != 1 {
		c.cur.plain = false
	}
	c.Canvas.Scale(x, y)
}

// faceKey names a font at a size.
type faceKey struct {
	font font.Font
	size vg.Length
}

// glyphKey names a glyph of a font at a size, at the DPI of every chart.
type glyphKey struct {
	face faceKey
	r    rune
}

// glyph is a glyph's mask and its place relative to the pen, and the pen's advance.
type glyph struct {
	mask    *image.Alpha
	bounds  image.Rectangle
	advance fixed.Int26_6
	ok      bool
}

// glyphs caches every glyph drawn, for all charts (they all use the Go fonts at DPI).
var glyphs sync.Map // glyphKey → glyph

func (c *textCanvas) FillString(f font.Face, pt vg.Point, str string) {
	if f.Font.Size == 0 {
		return
	}
	if !c.cur.plain || c.dpi != DPI {
		c.Canvas.FillString(f, pt, str)
		return
	}
	key := faceKey{font: f.Font, size: f.Font.Size}
	face := c.faces[key]
	if face == nil {
		var err error
		face, err = opentype.NewFace(f.Face, &opentype.FaceOptions{Size: f.Font.Size.Points(), DPI: c.dpi, Hinting: xfont.HintingNone})
		if err != nil {
			c.Canvas.FillString(f, pt, str)
			return
		}
		c.faces[key] = face
	}
	src := image.NewUniform(c.cur.col)
	x := pt.X.Dots(c.dpi) + c.cur.tx
	y := c.h - (pt.Y.Dots(c.dpi) + c.cur.ty) // the baseline, y down
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}
	prev := rune(-1)
	for _, r := range str {
		if prev >= 0 {
			dot.X += face.Kern(prev, r)
		}
		g := cachedGlyph(glyphKey{key, r}, face)
		if g.ok {
			at := image.Point{X: dot.X.Round(), Y: dot.Y.Round()}
			draw.DrawMask(c.img, g.bounds.Add(at), src, image.Point{}, g.mask, image.Point{}, draw.Over)
		}
		dot.X += g.advance
		prev = r
	}
}

// cachedGlyph returns the glyph of key, drawing it with face the first time.
func cachedGlyph(key glyphKey, face xfont.Face) glyph {
	if g, ok := glyphs.Load(key); ok {
		return g.(glyph)
	}
	dr, mask, maskp, advance, ok := face.Glyph(fixed.Point26_6{}, key.r)
	g := glyph{advance: advance, ok: ok && !dr.Empty()}
	if g.ok {
		// The face reuses its mask: keep a copy.
		m := image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))
		draw.Draw(m, m.Bounds(), mask, maskp, draw.Src)
		g.mask, g.bounds = m, dr
	}
	glyphs.Store(key, g)
	return g
}
