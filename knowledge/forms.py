from django import forms
from django.utils.translation import gettext_lazy as _

from stations.validators import validate_mobile


class EventRegistrationForm(forms.Form):
    contact_name = forms.CharField(label=_("Contact person"), max_length=50)
    phone = forms.CharField(
        label=_("Mobile phone"), max_length=11, validators=[validate_mobile]
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the problem you want to discuss at the event."),
    )

    @classmethod
    def for_user(cls, user) -> "EventRegistrationForm":
        """An empty form with the contact details the account already has."""
        initial = {}
        for profile in (user.enterprise_or_none, user.expert_or_none):
            if profile is not None:
                initial["phone"] = profile.phone
                initial["contact_name"] = getattr(
                    profile, "contact_person", getattr(profile, "real_name", "")
                )
        return cls(initial=initial)
