"""Numbers written as a teacher writes them in each language (Korean groups by 만, 억 and 조)."""


def approx_number(value: float, lang: str, digits: int = 3) -> str:
    """A positive number to `digits` significant digits, in words a teacher writes: 383,000 or 38만 3,000."""
    if not value or value != value or value in (float("inf"), float("-inf")):
        return f"{value:g}"
    rounded = float(f"{value:.{digits}g}")
    if abs(rounded) < 10_000 or rounded != int(rounded):
        return f"{rounded:,.{digits}g}" if abs(rounded) < 10_000 else f"{rounded:,.0f}"
    n = int(rounded)
    if lang != "ko":
        return f"{n:,}"
    parts, units = [], ((10**12, "조"), (10**8, "억"), (10**4, "만"))
    for size, unit in units:
        if n >= size:
            parts.append(f"{n // size:,}{unit}")
            n %= size
    if n:
        parts.append(f"{n:,}")
    return " ".join(parts)
