"""Public letter pages, mounted under /letters/."""

from django.urls import path

from appointments import views

app_name = "appointments"
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("verify/<path:number>/", views.verify, name="verify_number"),
    path("<int:pk>/pdf/", views.download, name="pdf"),
]
