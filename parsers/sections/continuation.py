"""Tables that continue over page breaks: which pieces on the following pages are the rest of one.

A table cut by a page break may repeat its header or not, and its next piece may open with a
category row or a KPI whose number stands in its own column. A piece continues the table when
its rows say what they are (a numbered KPI, a total) or when it has the outline and the columns
of an earlier piece.
"""

from __future__ import annotations

from parsers.pdf.tables import Table
from parsers.sections import labels
from parsers.sections.doctext import row_label, squash


def continuations(all_tables: list[Table], start: Table, accept: set[int], tol: float = 2.0) -> list[Table]:
    """`start` plus the tables on following pages that continue it (header repeated or not);
    `accept` holds the ids of tables already known to be of the same kind."""
    chain = [start]
    ids = [id(t) for t in all_tables]
    k = ids.index(id(start))
    for t in all_tables[k + 1 :]:
        if t.page - chain[-1].page > 1:
            break
        # the rest of the table on the next page: rows that say what they are, or the outline and
        # columns of a piece before (the last one's may be cut short by a cell lost at its page break)
        follows = t.page == chain[-1].page + 1 and (
            looks_like_rows(t) or any(same_grid(c, t, tol) for c in chain)
        )
        if id(t) in accept or follows:
            if t.page == chain[-1].page and id(t) not in accept:
                break
            chain.append(t)
        else:
            break
    return chain


def looks_like_rows(t: Table) -> bool:
    """The table opens with a numbered KPI row or a total row, not a header."""
    first = [c.text for c in t.rows[0]] if t.rows else []
    return row_label(first)[0] is not None or squash(" ".join(first)).startswith(labels.TOTAL)


def same_grid(a: Table, b: Table, tol: float = 2.0) -> bool:
    """`b` has the outline and the columns of `a`: the rest of `a` after a page break, whatever
    its first row says (a category row, a KPI whose number is in its own column)."""
    if abs(a.bbox[0] - b.bbox[0]) > tol or abs(a.bbox[2] - b.bbox[2]) > tol:
        return False
    cols_a, cols_b = a.columns, b.columns
    if len(cols_a) < 3 or len(cols_b) < 2:
        return False
    return all(any(abs(x - y) <= tol for y in cols_a) for x in cols_b)
