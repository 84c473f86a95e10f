"""What every samlab figure shares: the figure class, palette, fonts, and the helpers that
make a figure, write its honesty footnote and style its axes. Other modules that draw
(``samlab.concepts``, ``samlab.improvement``) use these public helpers too."""

from __future__ import annotations

import io

from matplotlib.figure import Figure

from ..labels import OKABE_ITO

PALETTE = [
    OKABE_ITO[name]
    for name in ("blue", "orange", "green", "vermillion", "purple", "sky_blue", "yellow", "black")
]
FONT = {"font.size": 12, "axes.titlesize": 14, "axes.labelsize": 12, "legend.fontsize": 11}


class SamlabFigure(Figure):
    """A matplotlib Figure that shows itself as a picture in Jupyter.

    The figures are made without pyplot, so nothing is left open in a kernel that redraws
    often, and they display whether or not a matplotlib backend is active.
    """

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=90)
        return buffer.getvalue()


def new_figure(width: float, height: float) -> Figure:
    """An empty figure of ``width`` × ``height`` inches with the constrained layout."""
    return SamlabFigure(figsize=(width, height), layout="constrained")


def footnote(fig: Figure, note: str) -> None:
    """The honesty note, in a strip of its own below the axes."""
    strip = 0.28 / fig.get_figheight()  # about a line of small text
    fig.get_layout_engine().set(rect=(0, strip, 1, 1 - strip))
    fig.text(0.01, 0.01, note, fontsize=9, color="#444444", ha="left", va="bottom")


def style_axes(ax) -> None:
    """No top or right spine, light horizontal grid lines behind the data."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
