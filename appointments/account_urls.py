"""The expert's own letters and assessments, mounted under /accounts/."""

from django.urls import path

from appointments import views

app_name = "appointments_account"
urlpatterns = [
    path("letters/", views.my_letters, name="letters"),
]
