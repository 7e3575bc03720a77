"""Forms of the director's letter and assessment screens."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appointments.models import Half
from stations.models import ExpertProfile


class IssueForm(forms.Form):
    start = forms.DateField(
        label=_("Term starts"),
        required=False,
        help_text=_("Empty: from today."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AssessmentForm(forms.Form):
    expert = forms.ModelChoiceField(
        label=_("Expert"), queryset=ExpertProfile.objects.none()
    )
    year = forms.IntegerField(label=_("Year"), min_value=2014, max_value=2100)
    half = forms.ChoiceField(label=_("Half-year"), choices=Half.choices)
    score = forms.DecimalField(
        label=_("Score"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
        help_text=_("0 to 100: 90 and above excellent, 75 good, 60 pass."),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, experts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("year", today.year)
            self.initial.setdefault(
                "half", Half.FIRST if today.month <= 6 else Half.SECOND
            )
