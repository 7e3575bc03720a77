"""Public statistics in the headless API (Art. 4, 20): `GET /api/v3/stats/public/`."""

from ninja import Router
from ninja.errors import HttpError

from stations.transparency import BadYear, public_year_figures, transparency_year

router = Router(tags=["statistics"])


@router.get("/public/", summary="The year's public figures of the station")
def stats_public(request, year: str | None = None) -> dict:
    """Experts by field, problems posted/answered/solved, response times, reward
    totals by kind, the excellent experts and monthly figures; `?year=YYYY`."""
    try:
        valid_year = transparency_year(year)
    except BadYear as exc:
        raise HttpError(400, str(exc)) from exc
    return public_year_figures(year=valid_year)
