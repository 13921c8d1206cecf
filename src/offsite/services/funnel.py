"""The reverse funnel's table and its figures as text, for the work-back view and the PDF.

The maths is plain Python in ``offsite.domain.funnel`` (where the rounding rule is written down);
these names are kept here for the callers that import them from the services layer.
"""

from __future__ import annotations

from offsite.domain.funnel import (
    FunnelResult,
    FunnelRow,
    FunnelTable,
    candidate_text,
    funnel_rows,
    funnel_table,
)

__all__ = ["FunnelResult", "FunnelRow", "FunnelTable", "candidate_text", "funnel_rows", "funnel_table"]
