from django.contrib.auth import views as auth_views
from django.urls import path

from ops.ratelimits import limited
from stations import stats_views, views

urlpatterns = [
    path("login/", limited("login")(auth_views.LoginView.as_view()), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "register/enterprise/",
        views.enterprise_register,
        name="enterprise_register",
    ),
    path("rewards/", stats_views.my_rewards, name="my_rewards"),
]
