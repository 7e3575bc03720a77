from django import forms
from django.utils.translation import gettext_lazy as _

from qa.models import Problem
from qa.tags import parse_tags


class ProblemForm(forms.ModelForm):
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        help_text=_("Separate tags with commas or 、, e.g. 污水处理、玉米深加工"),
    )

    class Meta:
        model = Problem
        fields = ["title", "description", "industry", "region"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def clean_tags(self) -> list[str]:
        tags = parse_tags(self.cleaned_data["tags"])
        if len(tags) > 10:
            raise forms.ValidationError(_("Use at most 10 tags."))
        return tags


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=3000,
    )


class AcceptForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("Your satisfaction"),
        choices=[(i, str(i)) for i in range(5, 0, -1)],
        coerce=int,
        required=False,
        empty_value=None,
    )


class ScreeningForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
    )
    quality_score = forms.TypedChoiceField(
        label=_("Quality score"),
        choices=[("", "—")] + [(i, str(i)) for i in range(1, 6)],
        coerce=int,
        required=False,
        empty_value=None,
    )
    reason = forms.CharField(
        label=_("Reason (sent to the expert)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
