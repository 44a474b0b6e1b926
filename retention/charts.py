"""The geometry of the dashboard's hand-made SVG charts (the CSP forbids scripts, so no chart
library): bars for counts, lines for the retention curve. Pure functions of a selectors.Chart."""

from .models import CHECK_IN_YEARS

WIDTH = 640
LABEL_WIDTH = 190
BAR_ROW = 24
BAR_AREA = WIDTH - LABEL_WIDTH - 60
LABEL_CHARS = 28
# Colours that stay apart for the common kinds of colour blindness (Okabe–Ito), then greys.
PALETTE = ["#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D00",
           "#5A5A5A", "#7A3E9D", "#1B7837", "#B2182B"]  # fmt: skip
# The retention curve's frame.
CURVE_HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 48, 130, 16, 40


def _short(label: str) -> str:
    label = str(label)
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bars(chart) -> dict:
    values = [row[1] for row in chart.rows]
    top = max(values, default=0) or 1
    rows = [
        {
            "label": _short(row[0]),
            "value": row[1],
            "y": 8 + i * BAR_ROW,
            "text_y": 8 + i * BAR_ROW + 15,
            "width": round(row[1] / top * BAR_AREA, 1),
            "value_x": LABEL_WIDTH + round(row[1] / top * BAR_AREA, 1) + 6,
        }
        for i, row in enumerate(chart.rows)
    ]
    return {
        "width": WIDTH,
        "height": 16 + len(rows) * BAR_ROW,
        "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH,
        "rows": rows,
    }


def curve(chart) -> dict:
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = CURVE_HEIGHT - TOP - BOTTOM

    def x(year):
        return round(LEFT + year / CHECK_IN_YEARS * plot_w, 1)

    def y(share):
        return round(TOP + (1 - share) * plot_h, 1)

    lines = []
    for i, (label, values) in enumerate(chart.series):
        known = [(year, v) for year, v in enumerate(values) if v is not None]
        if not known:
            continue
        # A step function: flat until the next year, then down.
        points = []
        for (year, value), following in zip(known, [*known[1:], None], strict=True):
            points.append(f"{x(year)},{y(value)}")
            if following:
                points.append(f"{x(following[0])},{y(value)}")
        last_year, last_value = known[-1]
        lines.append(
            {
                "label": label,
                "color": PALETTE[i % len(PALETTE)],
                "width": 3 if i == 0 else 1.5,
                "points": " ".join(points),
                "end_x": x(last_year) + 4,
                "end_y": y(last_value) + 4,
                "legend_y": TOP + 12 + i * 16,
            }
        )
    return {
        "width": WIDTH,
        "height": CURVE_HEIGHT,
        "lines": lines,
        "grid": [{"y": y(share), "label": f"{round(share * 100)} %"} for share in (0, 0.25, 0.5, 0.75, 1)],
        "years": [{"x": x(year), "label": year} for year in range(CHECK_IN_YEARS + 1)],
        "left": LEFT,
        "right": x(CHECK_IN_YEARS),
        "top": TOP,
        "bottom": TOP + plot_h,
        "goal_x": x(CHECK_IN_YEARS),
        "axis_y": CURVE_HEIGHT - 8,
        "legend_x": WIDTH - RIGHT + 16,
    }


def render_data(chart) -> dict:
    return curve(chart) if chart.kind == "curve" else bars(chart)
