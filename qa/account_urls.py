"""Personal pages of the Q&A workflow, mounted under /accounts/."""

from django.urls import path

from qa import views

app_name = "qa_account"
urlpatterns = [
    path("answers/", views.my_answers, name="answers"),
]
