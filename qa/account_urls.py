"""Personal pages of the Q&A workflow, mounted under /accounts/."""

from django.urls import path

from qa.views import answers, inbox

app_name = "qa_account"
urlpatterns = [
    path("answers/", answers.my_answers, name="answers"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/read/", inbox.inbox_read, name="inbox_read"),
    path("inbox/settings/", inbox.inbox_settings, name="inbox_settings"),
]
