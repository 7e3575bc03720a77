"""Admin views that show a clerk only his stations' records (notice §3)."""

from django.http import Http404
from wagtail.snippets.views.snippets import EditView, InspectView

from stations.scoping import scope_to_stations


class StationScopedObjectMixin:
    """Opening another station's record by its URL is answered "not found"."""

    #: the lookup path from the model to its station ("expert__station")
    station_path: str = ""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        rows = type(obj)._default_manager.filter(pk=obj.pk)
        if not scope_to_stations(rows, self.request.user, self.station_path).exists():
            raise Http404
        return obj


def scoped_views(station_path: str) -> dict[str, type]:
    """Inspect and edit view classes limited to the user's stations."""
    attrs = {"station_path": station_path}
    return {
        "inspect_view_class": type(
            "ScopedInspectView", (StationScopedObjectMixin, InspectView), attrs
        ),
        "edit_view_class": type(
            "ScopedEditView", (StationScopedObjectMixin, EditView), attrs
        ),
    }
