from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ops.ratelimits import limited
from stations import services
from stations.forms import EnterpriseRegistrationForm


@limited("register")
def enterprise_register(request):
    form = EnterpriseRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("consent")
        try:
            enterprise = services.enterprise_register(**data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(
                request,
                enterprise.user,
                backend="django.contrib.auth.backends.ModelBackend",
            )
            messages.success(
                request, _("Welcome! You can now post your technical problems.")
            )
            return redirect("qa:problem_create")
    return render(request, "stations/enterprise_register.html", {"form": form})
