from django.urls import path

from qa import views
from qa.views import attachments, messages

app_name = "qa"
urlpatterns = [
    path("", views.problem_list, name="problem_list"),
    path("new/", views.problem_create, name="problem_create"),
    path("similar/", views.similar_problems, name="similar"),
    path("tags/<str:slug>/", views.tag_detail, name="tag"),
    path("<int:pk>/", views.problem_detail, name="problem_detail"),
    path("<int:pk>/edit/", views.problem_edit, name="problem_edit"),
    path("<int:pk>/status/", views.problem_status, name="problem_status"),
    path("<int:pk>/answer/", views.answer_create, name="answer_create"),
    path("<int:pk>/messages/", messages.conversation, name="conversation"),
    path("<int:pk>/files/", attachments.attachment_upload, name="attachment_upload"),
    path("files/<int:pk>/", attachments.attachment_download, name="attachment"),
    path("answers/<int:answer_pk>/reply/", views.reply_create, name="reply_create"),
    path("answers/<int:answer_pk>/accept/", views.answer_accept, name="answer_accept"),
    path("answers/<int:answer_pk>/revise/", views.answer_revise, name="answer_revise"),
    path("answers/<int:answer_pk>/note/", views.answer_note, name="answer_note"),
]
