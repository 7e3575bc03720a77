from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from experts.services.registration import CONSENT_TEXT, MAX_DOCUMENTS
from qa.models import Channel, Frequency
from qa.tags import tags_checked
from stations.choices import Industry
from stations.models import ExpertProfile, Station, User
from stations.validators import validate_mobile


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """One or more files from one input."""

    widget = MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"])
        if len(files) > MAX_DOCUMENTS:
            raise forms.ValidationError(
                _("At most %(n)d documents per application.") % {"n": MAX_DOCUMENTS}
            )
        return [super(DocumentsField, self).clean(f, initial) for f in files]


class ProfileFieldsMixin(forms.Form):
    organisation = forms.CharField(label=_("Organisation"), max_length=120)
    organisation_type = forms.ChoiceField(
        label=_("Organisation type"), choices=ExpertProfile.OrganisationType.choices
    )
    department = forms.CharField(label=_("Department"), max_length=120, required=False)
    title = forms.CharField(
        label=_("Professional title"), max_length=50, required=False
    )
    expertise = forms.CharField(
        label=_("Fields of expertise"),
        max_length=500,
        help_text=_("Separate fields with commas or 、, e.g. 污水处理、发酵工程"),
    )
    industries = forms.MultipleChoiceField(
        label=_("Industries"),
        choices=Industry.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    biography = forms.CharField(
        label=_("Short biography"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
    )

    def clean_expertise(self) -> list[str]:
        tags = tags_checked(self.cleaned_data["expertise"])
        if not tags:
            raise forms.ValidationError(_("Name at least one field of expertise."))
        return tags


class ExpertRegistrationForm(ProfileFieldsMixin, forms.Form):
    field_order = [
        "username",
        "password",
        "real_name",
        "organisation",
        "organisation_type",
        "department",
        "title",
        "expertise",
        "industries",
        "biography",
        "phone",
        "email",
        "station",
        "channels",
        "frequency",
        "documents",
        "consent",
    ]
    username = forms.RegexField(
        label=_("User name"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        help_text=_("Letters, digits and @/./+/-/_ only."),
    )
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    real_name = forms.CharField(label=_("Real name"), max_length=50)
    phone = forms.CharField(
        label=_("Mobile phone"), max_length=11, validators=[validate_mobile]
    )
    email = forms.EmailField(label=_("E-mail"))
    station = forms.ModelChoiceField(
        label=_("Service station"),
        queryset=Station.objects.all(),
        required=False,
        empty_label=_("Provincial station"),
        help_text=_("The station whose expert team you join."),
    )
    channels = forms.MultipleChoiceField(
        label=_("Contact me by"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Channel.SITE, Channel.EMAIL],
        help_text=_("How the station and enterprises reach you (Art. 9)."),
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, initial=Frequency.INSTANT
    )
    documents = DocumentsField(
        label=_("Supporting documents"),
        help_text=_(
            "Proof of your position or title (work card, title certificate): "
            "PDF, JPG or PNG, at most 5 MB each."
        ),
    )
    consent = forms.BooleanField(label=CONSENT_TEXT)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return username

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            try:
                validate_password(password, User(username=cleaned.get("username", "")))
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class ApplicationSubmitForm(forms.Form):
    """Consent and documents of an expert registered before online applications."""

    documents = DocumentsField(
        label=_("Supporting documents"),
        help_text=_("PDF, JPG or PNG, at most 5 MB each."),
    )
    consent = forms.BooleanField(label=CONSENT_TEXT)


class ApplicationUpdateForm(ProfileFieldsMixin, forms.Form):
    documents = DocumentsField(
        label=_("More supporting documents"),
        required=False,
        help_text=_("PDF, JPG or PNG, at most 5 MB each."),
    )
    note = forms.CharField(
        label=_("Your answer to the station"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class AwayForm(forms.Form):
    start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until (inclusive)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you cannot answer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class VettingForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason or message to the applicant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
