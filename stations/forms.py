from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from stations.choices import Industry, Region
from stations.models import Enterprise, User
from stations.validators import (
    normalize_credit_code,
    validate_credit_code,
    validate_mobile,
)


class EnterpriseRegistrationForm(forms.Form):
    username = forms.RegexField(
        label=_("User name"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        help_text=_("Letters, digits and @/./+/-/_ only."),
    )
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    name = forms.CharField(label=_("Company name"), max_length=120)
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=18,
        validators=[validate_credit_code],
    )
    size = forms.ChoiceField(label=_("Size class"), choices=Enterprise.Size.choices)
    industry = forms.ChoiceField(label=_("Industry"), choices=Industry.choices)
    region = forms.ChoiceField(label=_("Region"), choices=Region.choices)
    contact_person = forms.CharField(label=_("Contact person"), max_length=50)
    phone = forms.CharField(
        label=_("Mobile phone"), max_length=11, validators=[validate_mobile]
    )
    email = forms.EmailField(label=_("E-mail"))
    consent = forms.BooleanField(
        label=_("I agree to the station's rules; all services are free of charge.")
    )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return username

    def clean_credit_code(self) -> str:
        code = normalize_credit_code(self.cleaned_data["credit_code"])
        if Enterprise.objects.filter(credit_code=code).exists():
            raise forms.ValidationError(
                _("An enterprise with this credit code is already registered.")
            )
        return code

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            try:
                validate_password(password, User(username=cleaned.get("username", "")))
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned
