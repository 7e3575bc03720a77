from django.urls import path

from experts import views

app_name = "experts"
urlpatterns = [
    path("register/", views.register, name="register"),
    path("application/", views.application, name="application"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("away/", views.away, name="away"),
    path("away/<int:pk>/remove/", views.away_remove, name="away_remove"),
    path(
        "invitations/<int:pk>/decline/",
        views.invitation_decline,
        name="invitation_decline",
    ),
    path("<int:pk>/", views.profile, name="profile"),
]
