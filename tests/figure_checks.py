"""Helpers the figure tests share: every piece of text a figure draws, and its PNG."""

from __future__ import annotations

import io

from matplotlib.figure import Figure


def texts(fig: Figure) -> str:
    """All text drawn in the figure (titles, labels, ticks, legends, annotations)."""
    fig.canvas.draw()
    return "\n".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))


def rendered(fig: Figure) -> bytes:
    """The figure as PNG; fails if nothing worth seeing was drawn."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=40)
    data = buffer.getvalue()
    assert data.startswith(b"\x89PNG") and len(data) > 5000
    return data
