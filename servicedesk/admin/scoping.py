"""Snippet views that only reach the rows of the user's stations."""

from django.http import Http404
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import snippets


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Rows that change only through the desk's services, never by a form."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)


class _ScopedObject:
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        scoped = self.view_set_scope(self.request.user)
        if not scoped.filter(pk=obj.pk).exists():
            # Another station's record: as if it did not exist.
            raise Http404
        return obj


def scoped_views(scope):
    """Edit, delete and inspect view classes that 404 on another station's rows."""

    def make(base):
        return type(
            f"Scoped{base.__name__}",
            (_ScopedObject, base),
            {"view_set_scope": staticmethod(scope)},
        )

    return (
        make(snippets.EditView),
        make(snippets.DeleteView),
        make(snippets.InspectView),
    )
