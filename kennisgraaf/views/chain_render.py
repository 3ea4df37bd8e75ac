"""A chain drawn left to right in columns: one layout, four outputs (vis-network HTML, SVG, PNG, print page) + CSV.

The layout (column per stage, nodes stacked in reading order, wrapped labels) is computed here, once, so the
picture on screen (vis-network with fixed positions), the SVG and the PNG show exactly the same drawing. Every
text is escaped for its output; nothing refers to a remote resource.
"""

from __future__ import annotations

import csv
import html
import io
import json
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from pyvis.network import Network

from kennisgraaf.views.chain import NO_EXECUTOR, STAGE_NL, Chain, ChainNode, node_text, table_rows
from kennisgraaf.views.labels import label_nl
from kennisgraaf.views.network import STYLE, offline_html

FONT_SIZE = 13
LINE_HEIGHT = 17
WRAP = 18
EDGE_WRAP = 16  # characters per line of an arrow's label
HEADER_WRAP = 16
PAD_X, PAD_Y = 10, 7
COLUMN_GAP = 104
ROW_GAP = 22
MARGIN = 24
# Pale fills (dark text on them stays readable); the kind's colour is the border.
FILL: dict[str, str] = {
    "Measure": "#dbe9f6",
    "Organisation": "#fde5cc",
    "Role": "#fff0dc",
    "Forum": "#d9f0d3",
    "LegalBasis": "#e8dff2",
    "Procedure": "#d5f3f7",
}
DEFAULT_FILL = "#f2f2f2"
_FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)


@lru_cache(maxsize=4)
def _font(size: int = FONT_SIZE) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in _FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _text_width(text: str) -> float:
    return float(_font().getlength(text))


def wrap(text: str, width: int = WRAP) -> list[str]:
    """A label as lines of at most `width` characters, broken between words; never cut off."""
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False) or [""]


@dataclass(frozen=True)
class Box:
    """Where a node is drawn: centre, size and its label lines."""

    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    """The drawing of a chain: a box per node, a heading per column (centre x, text) and the picture's size."""

    boxes: dict[str, Box]
    width: float
    height: float
    headers: tuple[tuple[float, str], ...] = ()


HEADER_Y = MARGIN + 8  # baseline area of the column headings
HEADER_ROOM = 44


def layout(chain: Chain) -> Layout:
    """Columns left to right (one per used stage); in a column the nodes in reading order, centred vertically."""
    columns = chain.columns()
    sized: list[list[tuple[ChainNode, float, float, tuple[str, ...]]]] = []
    for column in columns:
        entries = []
        for node in column:
            lines = tuple(wrap(node_text(node)))
            width = max(_text_width(line) for line in lines) + 2 * PAD_X
            height = len(lines) * LINE_HEIGHT + 2 * PAD_Y
            entries.append((node, width, height, lines))
        sized.append(entries)
    heights = [sum(h for _, _, h, _ in col) + ROW_GAP * (len(col) - 1) for col in sized]
    total_height = max(heights, default=0)
    room = 0.75 * _arc(len(columns) - 1) if len(columns) > 2 else 0.0  # for arrows that arc over columns
    boxes: dict[str, Box] = {}
    headers: list[tuple[float, str]] = []
    x = MARGIN
    for col, col_height in zip(sized, heights, strict=True):
        heading = STAGE_NL[col[0][0].stage]
        col_width = max([w for _, w, _, _ in col] + [_text_width(line) + 8 for line in wrap(heading, HEADER_WRAP)])
        headers.append((x + col_width / 2, heading))
        y = MARGIN + HEADER_ROOM + room + (total_height - col_height) / 2
        for node, width, height, lines in col:
            boxes[node.id] = Box(x + col_width / 2, y + height / 2, width, height, lines)
            y += height + ROW_GAP
        x += col_width + COLUMN_GAP
    return Layout(
        boxes,
        max(x - COLUMN_GAP + MARGIN, 2 * MARGIN),
        total_height + 2 * MARGIN + 2 * room + HEADER_ROOM,
        tuple(headers),
    )


def _colours(node: ChainNode) -> tuple[str, str]:
    border = STYLE.get(node.label, ("#777777", ""))[0] if node.id != NO_EXECUTOR else "#777777"
    fill = FILL.get(node.label, DEFAULT_FILL) if node.id != NO_EXECUTOR else "#ffffff"
    return fill, border


def _dashed(node: ChainNode) -> bool:
    return node.external or node.id == NO_EXECUTOR


def _node_tooltip(node: ChainNode) -> str:
    kind = label_nl(node.label) if node.label else ""
    roles = ", ".join(node.roles)
    return f"{node_text(node)}\n{kind}" + (f" · {roles}" if roles else "")


def _edge_tooltip(edge: Any) -> str:
    if edge.type == NO_EXECUTOR:
        return "Het rapport noemt geen uitvoerder."
    text = edge.reading + (f" ({edge.instrument})" if edge.instrument else "")
    text += " — bron: " + ("extern (niet uit het rapport)" if edge.external else (edge.source or "onbekend"))
    if edge.quote:
        text += f"\n„{edge.quote}”"
    return text


@dataclass(frozen=True)
class Line:
    """A drawn connection: the relationships from one node to another merged into one arrow with one label."""

    start: str
    end: str
    label: str
    tooltip: str
    dashed: bool
    span: int


def lines(chain: Chain, drawing: Layout) -> list[Line]:
    """The arrows to draw: one per ordered pair of nodes (readings joined), with how many columns it spans."""
    columns = {n.id: n.column for n in chain.nodes.values()}
    grouped: dict[tuple[str, str], list[Any]] = {}
    for edge in chain.edges:
        if edge.start in drawing.boxes and edge.end in drawing.boxes:
            grouped.setdefault((edge.start, edge.end), []).append(edge)
    out = []
    labelled: set[tuple[str, str]] = set()  # (end, label): one label per kind of arrow into a node is enough
    for (start, end), edges in grouped.items():
        readings = list(dict.fromkeys(e.reading for e in edges if e.reading))
        text = " · ".join(readings)
        shown = text if (end, text) not in labelled else ""
        labelled.add((end, text))
        span = len(
            {
                c
                for c in sorted({n.column for n in chain.nodes.values()})
                if min(columns[start], columns[end]) < c <= max(columns[start], columns[end])
            }
        )
        out.append(
            Line(
                start,
                end,
                shown,
                "\n\n".join(_edge_tooltip(e) for e in edges),
                all(e.external or e.type == NO_EXECUTOR for e in edges),
                span,
            )
        )
    return out


def _bend(drawing: Layout, line: Line) -> float:
    """Vertical offset of a long arrow's curve, so that it passes above (or below) the columns it crosses."""
    if line.span <= 1:
        return 0.0
    a = drawing.boxes[line.start]
    middle = drawing.height / 2
    return (-1 if a.y <= middle else 1) * _arc(line.span)


def _arc(span: int) -> float:
    return 20.0 + 12.0 * span


# -- vis-network (the picture on screen) ----------------------------------------------------------------------------
_VIS_OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False},
    "layout": {"hierarchical": {"enabled": False}},
    "nodes": {
        "shape": "box",
        "font": {"size": FONT_SIZE, "face": "DejaVu Sans, sans-serif", "color": "#111111"},
        "scaling": {"label": {"drawThreshold": 1}},
        "margin": {"top": PAD_Y, "bottom": PAD_Y, "left": PAD_X, "right": PAD_X},
        "widthConstraint": False,
    },
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        "font": {"size": 11, "align": "middle", "face": "DejaVu Sans, sans-serif", "background": "#ffffff"},
        "scaling": {"label": {"drawThreshold": 1}},
        "color": {"color": "#666666", "highlight": "#222222"},
        "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.45},
    },
    "interaction": {"hover": True, "keyboard": True, "tooltipDelay": 120, "dragNodes": False},
}

# Fit the picture to its frame on open, and again whenever the frame changes size (e.g. a tab that opens later).
FIT_SCRIPT = """<script>
(function () {
  if (typeof network === "undefined" || !network) { return; }
  var box = document.getElementById("mynetwork");
  var fit = function () {
    network.fit({animation: false});
    if (network.getScale() > 1.25) { network.moveTo({scale: 1.25}); }
  };
  network.once("afterDrawing", fit);
  if (window.ResizeObserver && box) { new ResizeObserver(function () { network.redraw(); fit(); }).observe(box); }
  window.kgPositions = function () { return network.getPositions(); };
})();
</script>"""


MIN_SCALE = 0.7  # below this the picture does not shrink further: its frame scrolls sideways instead
_FIT_PADDING = 1.2  # vis-network's fit() leaves a margin around the drawing


def frame_height(drawing: Layout) -> int:
    """The height (px) of the picture: the drawing at the smallest scale it is shown at, within sensible bounds."""
    return int(min(max(drawing.height * MIN_SCALE * _FIT_PADDING, 240), 760))


def vis_html(chain: Chain, drawing: Layout, height_px: int | None = None) -> str:
    """The interactive picture: vis-network with the layout's fixed positions; tooltips carry every source.

    The picture is fitted to its frame, but never below MIN_SCALE: a narrow frame scrolls sideways instead, so that
    labels stay readable and nothing is cut off."""
    height = height_px or frame_height(drawing)
    width = f"max(100%, {int(drawing.width * MIN_SCALE * _FIT_PADDING)}px)"
    net = Network(height=f"{height}px", width=width, directed=True, cdn_resources="in_line", heading="")
    for corner, (x, y) in enumerate(((0.0, 0.0), (drawing.width, drawing.height))):  # fit covers arcs and margins
        net.add_node(f"__hoek_{corner}", label=" ", x=x, y=y, shape="text", physics=False, fixed=True)
    for node in chain.order():
        box = drawing.boxes[node.id]
        fill, border = _colours(node)
        net.add_node(
            node.id,
            label=html.escape("\n".join(box.lines)),
            title=html.escape(_node_tooltip(node)),
            shape="box",
            x=box.x,
            y=box.y,
            physics=False,
            fixed=True,
            color={"background": fill, "border": border, "highlight": {"background": fill, "border": "#111111"}},
            borderWidth=3 if node.subject else 1.5,
            shapeProperties={"borderDashes": [6, 4] if _dashed(node) else False, "borderRadius": 4},
        )
    for i, (x, heading) in enumerate(drawing.headers):
        net.add_node(
            f"__kop_{i}",
            label=html.escape("\n".join(wrap(heading, HEADER_WRAP))),
            x=x,
            y=HEADER_Y + LINE_HEIGHT / 2,
            shape="text",
            physics=False,
            fixed=True,
            font={"size": FONT_SIZE + 1, "color": "#444444", "bold": True},
        )
    for line in lines(chain, drawing):
        bend = _bend(drawing, line)
        smooth = (
            {
                "enabled": True,
                "type": "curvedCW"
                if (bend < 0) == (drawing.boxes[line.end].x > drawing.boxes[line.start].x)
                else "curvedCCW",
                "roundness": min(0.15 + 0.05 * line.span, 0.4),
            }
            if bend
            else {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.45}
        )
        net.add_edge(
            line.start,
            line.end,
            label=html.escape("\n".join(wrap(line.label, EDGE_WRAP)) if line.label else ""),
            title=html.escape(line.tooltip),
            dashes=line.dashed,
            smooth=smooth,
        )
    net.set_options(json.dumps(_VIS_OPTIONS))
    page = net.generate_html()
    page = page.replace("<html>", '<!DOCTYPE html>\n<html lang="nl">', 1)
    page = page.replace("<center>\n<h1></h1>\n</center>", "")
    page = page.replace("</body>", FIT_SCRIPT + "\n</body>", 1)
    return offline_html(page)


# -- SVG and PNG (for a memo) ---------------------------------------------------------------------------------------
def _curve(drawing: Layout, line: Line) -> tuple[tuple[float, float], ...]:
    """The cubic Bézier (4 points) of an arrow: horizontal S-curves, arcs for arrows that span columns."""
    x1, y1, x2, y2 = _anchor(drawing, line.start, line.end)
    bend = _bend(drawing, line)
    if abs(x1 - x2) < 1:  # same column
        dy = (y2 - y1) * 0.4
        return (x1, y1), (x1, y1 + dy), (x2, y2 - dy), (x2, y2)
    if bend:
        top = min(y1, y2) if bend < 0 else max(y1, y2)
        return (x1, y1), (x1 + (x2 - x1) * 0.2, top + bend), (x2 - (x2 - x1) * 0.2, top + bend), (x2, y2)
    dx = (x2 - x1) * 0.45
    return (x1, y1), (x1 + dx, y1), (x2 - dx, y2), (x2, y2)


def _point(curve: tuple[tuple[float, float], ...], t: float) -> tuple[float, float]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = curve
    u = 1 - t
    return (
        u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
        u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
    )


def _anchor(drawing: Layout, start: str, end: str) -> tuple[float, float, float, float]:
    """Where an edge leaves its start box and reaches its end box (right side to left side, or top/bottom)."""
    a, b = drawing.boxes[start], drawing.boxes[end]
    if abs(a.x - b.x) < 1:  # same column: vertical
        sign = 1 if b.y > a.y else -1
        return a.x, a.y + sign * a.height / 2, b.x, b.y - sign * b.height / 2
    sign = 1 if b.x > a.x else -1
    return a.x + sign * a.width / 2, a.y, b.x - sign * b.width / 2, b.y


def svg(chain: Chain, heading: str, drawing: Layout) -> str:
    """The picture as a standalone SVG: same boxes, lines and labels; every edge has its source as <title>."""
    top = 34 if heading else 0
    width, height = drawing.width, drawing.height + top
    esc = html.escape
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{esc(heading)}" '
        f'font-family="DejaVu Sans, Verdana, sans-serif" font-size="{FONT_SIZE}">',
        f"<title>{esc(heading)}</title>",
        '<defs><marker id="pijl" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#666666"/></marker></defs>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    if heading:
        out.append(f'<text x="{MARGIN}" y="24" font-size="16" font-weight="bold" fill="#111111">{esc(heading)}</text>')
    out.append(f'<g transform="translate(0,{top})">')
    for x, heading in drawing.headers:
        for i, part in enumerate(wrap(heading, HEADER_WRAP)):
            out.append(
                f'<text x="{x:.1f}" y="{HEADER_Y + 4 + i * LINE_HEIGHT:.1f}" text-anchor="middle" font-weight="bold" '
                f'fill="#444444">{esc(part)}</text>'
            )
    for line in lines(chain, drawing):
        curve = _curve(drawing, line)
        (x1, y1), (c1x, c1y), (c2x, c2y), (x2, y2) = curve
        dash = ' stroke-dasharray="5,4"' if line.dashed else ""
        path = f"M{x1:.1f},{y1:.1f} C{c1x:.1f},{c1y:.1f} {c2x:.1f},{c2y:.1f} {x2:.1f},{y2:.1f}"
        out.append(
            f'<g class="relatie"><title>{esc(line.tooltip)}</title>'
            f'<path d="{path}" fill="none" stroke="#666666" stroke-width="1.3"{dash} marker-end="url(#pijl)"/>'
        )
        if line.label:
            mx, my = _point(curve, 0.5)
            parts = wrap(line.label, EDGE_WRAP)
            w = max(_text_width(p) for p in parts) * 11 / FONT_SIZE + 6
            h = 13 * len(parts) + 2
            out.append(
                f'<rect x="{mx - w / 2:.1f}" y="{my - h / 2:.1f}" width="{w:.1f}" height="{h:.1f}" fill="#ffffff" '
                'opacity="0.9"/>'
            )
            for i, part in enumerate(parts):
                out.append(
                    f'<text x="{mx:.1f}" y="{my - h / 2 + 11 + i * 13:.1f}" font-size="11" text-anchor="middle" '
                    f'fill="#333333">{esc(part)}</text>'
                )
        out.append("</g>")
    for node in chain.order():
        box = drawing.boxes[node.id]
        fill, border = _colours(node)
        dash = ' stroke-dasharray="6,4"' if _dashed(node) else ""
        out.append(
            f'<g class="knoop"><title>{esc(_node_tooltip(node))}</title>'
            f'<rect x="{box.x - box.width / 2:.1f}" y="{box.y - box.height / 2:.1f}" width="{box.width:.1f}" '
            f'height="{box.height:.1f}" rx="4" fill="{fill}" stroke="{border}" '
            f'stroke-width="{3 if node.subject else 1.5}"{dash}/>'
        )
        first = box.y - box.height / 2 + PAD_Y + LINE_HEIGHT - 4
        for i, line in enumerate(box.lines):
            out.append(
                f'<text x="{box.x:.1f}" y="{first + i * LINE_HEIGHT:.1f}" text-anchor="middle" fill="#111111">'
                f"{esc(line)}</text>"
            )
        out.append("</g>")
    out.append("</g></svg>")
    return "\n".join(out)


def png(chain: Chain, heading: str, drawing: Layout, scale: float = 2.0) -> bytes:
    """The same picture as a PNG (drawn here, offline, at `scale` times the SVG size for sharp printing)."""
    top = 34 if heading else 0
    width, height = int(drawing.width * scale), int((drawing.height + top) * scale)
    image = Image.new("RGB", (max(width, 1), max(height, 1)), "#ffffff")
    draw = ImageDraw.Draw(image)
    font, small, bold = _font(int(FONT_SIZE * scale)), _font(int(11 * scale)), _font(int(16 * scale))

    def s(value: float) -> float:
        return value * scale

    if heading:
        draw.text((s(MARGIN), s(10)), heading, fill="#111111", font=bold)
    for x, heading in drawing.headers:
        for i, part in enumerate(wrap(heading, HEADER_WRAP)):
            draw.text((s(x), s(HEADER_Y + top + i * LINE_HEIGHT)), part, fill="#444444", font=font, anchor="mm")
    for line in lines(chain, drawing):
        curve = _curve(drawing, line)
        scaled = [(s(px), s(py + top)) for px, py in (_point(curve, i / 32) for i in range(33))]
        draw.line(scaled, fill="#666666", width=max(1, int(1.3 * scale)))
        _arrow_head(draw, scaled[-2], scaled[-1], s(7))
        if line.label:
            px, py = _point(curve, 0.5)
            mx, my = s(px), s(py + top)
            parts = wrap(line.label, EDGE_WRAP)
            w = max(small.getlength(p) for p in parts)
            h = s(13) * len(parts)
            draw.rectangle([mx - w / 2 - 3, my - h / 2 - 1, mx + w / 2 + 3, my + h / 2 + 1], fill="#ffffff")
            for i, part in enumerate(parts):
                draw.text((mx, my - h / 2 + s(6.5) + i * s(13)), part, fill="#333333", font=small, anchor="mm")
    for node in chain.order():
        box = drawing.boxes[node.id]
        fill, border = _colours(node)
        rect = [
            s(box.x - box.width / 2),
            s(box.y - box.height / 2 + top),
            s(box.x + box.width / 2),
            s(box.y + box.height / 2 + top),
        ]
        draw.rounded_rectangle(rect, radius=s(4), fill=fill, outline=border, width=int(s(3 if node.subject else 1.5)))
        if _dashed(node):  # dashes drawn over the border in white
            _dash_over(draw, rect, s(6), s(4))
        first = box.y - box.height / 2 + PAD_Y + LINE_HEIGHT / 2 + top
        for i, line in enumerate(box.lines):
            draw.text((s(box.x), s(first + i * LINE_HEIGHT)), line, fill="#111111", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _arrow_head(draw: ImageDraw.ImageDraw, before: tuple[float, float], tip: tuple[float, float], size: float) -> None:
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    ux, uy = dx / length, dy / length
    left = (tip[0] - ux * size - uy * size / 2, tip[1] - uy * size + ux * size / 2)
    right = (tip[0] - ux * size + uy * size / 2, tip[1] - uy * size - ux * size / 2)
    draw.polygon([tip, left, right], fill="#666666")


def _dash_over(draw: ImageDraw.ImageDraw, rect: list[float], dash: float, gap: float) -> None:
    x0, y0, x1, y1 = rect
    for start, end, fixed, horizontal in (
        (x0, x1, y0, True),
        (x0, x1, y1, True),
        (y0, y1, x0, False),
        (y0, y1, x1, False),
    ):
        pos = start + dash
        while pos < end - dash:
            if horizontal:
                draw.line([(pos, fixed), (pos + gap, fixed)], fill="#ffffff", width=3)
            else:
                draw.line([(fixed, pos), (fixed, pos + gap)], fill="#ffffff", width=3)
            pos += dash + gap


def svg_page(chain: Chain, drawing: Layout, label: str) -> str:
    """A small page with just the SVG (no script), for a frame beside other content: as wide as its frame but never
    below MIN_SCALE — then it scrolls sideways; every arrow's source shows on hover (SVG <title>)."""
    picture = svg(chain, "", drawing).replace(_SVG_NS, "", 1)
    sized = f'width="{drawing.width:.0f}" height="{drawing.height:.0f}"'
    style = f'style="width:100%;min-width:{drawing.width * MIN_SCALE:.0f}px;height:auto;display:block"'
    picture = picture.replace(sized, style, 1)
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        f"<title>{html.escape(label)}</title></head>"
        '<body style="margin:0;font-family:DejaVu Sans, Verdana, sans-serif">'
        f'<div class="kg-keten" style="overflow-x:auto">{picture}</div></body></html>'
    )


def svg_page_height(drawing: Layout, frame_width: float = 1000.0) -> int:
    """The frame height for svg_page at a typical column width (the SVG keeps its proportions)."""
    scale = max(min(frame_width / drawing.width, 1.0), MIN_SCALE)
    return int(drawing.height * scale) + 24


# -- CSV and the print page -----------------------------------------------------------------------------------------
def csv_text(chain: Chain) -> str:
    """The chain's table as CSV (semicolons, as Dutch spreadsheets expect; UTF-8 with a byte-order mark)."""
    rows = table_rows(chain)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["Van", "Relatie", "Naar", "Bron", "Citaat", "Extern"], delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


_SVG_NS = ' xmlns="http://www.w3.org/2000/svg"'  # not needed for SVG inside HTML
_PRINT_STYLE = """<style>
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "DejaVu Sans", Verdana, sans-serif; font-size: 10.5pt; color: #111; margin: 0 auto;
  max-width: 1100px; }
h1 { font-size: 15pt; margin: 0 0 .3em; } h2 { font-size: 12pt; margin: 1em 0 .3em; }
figure { margin: 0; } figure svg { max-width: 100%; height: auto; }
ol.kg-stages { padding-left: 1.4em; } table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: .2em .4em; text-align: left; vertical-align: top; }
tr { page-break-inside: avoid; } .kg-note { color: #444; font-size: 9pt; }
</style>"""


def print_html(
    chain: Chain,
    heading: str,
    drawing: Layout,
    stages: list[tuple[str, list[ChainNode]]],
    context: dict[str, int],
    context_names: dict[str, str],
) -> str:
    """A print-friendly page (no scripts): heading, the SVG, the chain in words, context counts and the table."""
    esc = html.escape
    stage_items = "".join(
        f"<li><strong>{esc(stage)}:</strong> {esc('; '.join(node_text(n) for n in nodes))}</li>"
        for stage, nodes in stages
    )
    missing = "".join(f'<p class="kg-note">{esc(m.capitalize())}.</p>' for m in chain.missing)
    context_text = "; ".join(f"{esc(context_names.get(k, k))}: {n}" for k, n in context.items())
    rows = table_rows(chain)
    picture = svg(chain, "", drawing).replace(_SVG_NS, "", 1)
    head = "".join(f"<th scope='col'>{esc(k)}</th>" for k in (rows[0] if rows else {}))
    body = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row.values()) + "</tr>" for row in rows)
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        f"<title>{esc(heading)}</title>{_PRINT_STYLE}</head><body>"
        f"<h1>{esc(heading)}</h1>"
        f"<figure>{picture}<figcaption class='kg-note'>Van links naar rechts: wie verzoekt of "
        "meldt, via wie, in welk overleg, wie beslist, de maatregel of procedure, wie uitvoert, wie toezicht "
        "houdt, en de wettelijke grondslag. Gestippeld: extern (niet uit het rapport).</figcaption></figure>"
        f"<h2>De keten in woorden</h2><ol class='kg-stages'>{stage_items}</ol>{missing}"
        + (f"<p class='kg-note'>Context (niet getekend): {context_text}.</p>" if context_text else "")
        + f"<h2>Relaties met bron</h2><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        "<p class='kg-note'>Bron: Inspectie VenJ, Evaluatie Actieprogramma Integrale Aanpak Jihadisme (2017), "
        "via Kennisgraaf.</p></body></html>"
    )
