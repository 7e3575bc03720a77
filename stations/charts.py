"""Server-side bar charts: rows of (label, value, width %) for the bars template."""


def bar_rows(pairs) -> list[dict]:
    """Bars scaled to the largest value; an all-zero series draws empty bars."""
    pairs = [(str(label), value or 0) for label, value in pairs]
    top = max((value for _label, value in pairs), default=0)
    return [
        {
            "label": label,
            "value": value,
            "percent": round(100 * value / top, 1) if top else 0,
        }
        for label, value in pairs
    ]
