from django import forms
from django.utils.translation import gettext_lazy as _

from qa.models import ContactChannel, Problem
from qa.tags import tags_checked


class ProblemForm(forms.ModelForm):
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        help_text=_("Separate tags with commas or 、, e.g. 污水处理、玉米深加工"),
    )
    contact_channels = forms.MultipleChoiceField(
        label=_("How experts may contact you"),
        choices=ContactChannel.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[ContactChannel.SITE],
    )

    class Meta:
        model = Problem
        fields = [
            "title",
            "description",
            "industry",
            "region",
            "urgency",
            "visibility",
        ]
        widgets = {
            "title": forms.TextInput(
                attrs={"autocomplete": "off", "data-similar": "true"}
            ),
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "description": _(
                "Markdown formatting is allowed: **bold**, lists, tables, links."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("tags", "、".join(self.instance.tags.names()))
            self.initial["contact_channels"] = self.instance.contact_channels

    def clean_tags(self) -> list[str]:
        return tags_checked(self.cleaned_data["tags"])


class ProblemUpdateForm(forms.Form):
    text = forms.CharField(
        label=_("Update"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("The problem has answers, so what you add is shown as an update."),
    )


class StatusForm(forms.Form):
    to_status = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CheckForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("open", _("Open to experts")), ("return", _("Return to enterprise"))],
    )
    note = forms.CharField(
        label=_("Reason (sent to the enterprise when returned)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


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
    comment = forms.CharField(
        label=_("Your comment"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


SCREENING_DECISIONS = [
    ("approve", _("Approve")),
    ("reject", _("Reject")),
    ("revise", _("Ask for revision")),
]


class ScreeningForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=SCREENING_DECISIONS)
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
    staff_note = forms.CharField(
        label=_("Staff note (staff only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 1}),
    )


class BulkScreeningForm(ScreeningForm):
    selected = forms.ModelMultipleChoiceField(
        label=_("Answers"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selected"].queryset = queryset
