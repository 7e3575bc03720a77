"""Forms of the public side: reporting an on-site service, answering it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from servicedesk.models import ServiceOrganisation
from stations.choices import Region


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files at once; each is checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class OnSiteReportForm(forms.Form):
    service_date = forms.DateField(
        label=_("Date of the visit"), widget=forms.DateInput(attrs={"type": "date"})
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    work_done = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 5})
    )
    files = MultipleFileField(
        label=_("Evidence (photos, signed forms, reports)"),
        required=False,
        help_text=_("Images, PDF or Office files."),
    )


class DisputeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you dispute it?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class DirectoryFilterForm(forms.Form):
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("All regions")), *Region.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *ServiceOrganisation.Kind.choices],
    )
