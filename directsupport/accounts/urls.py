from django.urls import path

from .views import signin

app_name = "accounts"

urlpatterns = [
    path("sign-in/", signin.sign_in, name="login"),
    path("sign-out/", signin.sign_out, name="logout"),
    path("forgotten-password/", signin.forgotten_password, name="forgotten_password"),
    path("two-factor/", signin.two_factor_step, name="two_factor"),
    path("two-factor/set-up/", signin.two_factor_setup, name="two_factor_setup"),
    path("two-factor/choose/", signin.choose_two_factor, name="choose_two_factor"),
    path("backup-codes/", signin.backup_codes, name="backup_codes"),
    path("password/", signin.change_password, name="change_password"),
    path("keep-alive/", signin.keep_alive, name="keep_alive"),
    path("", signin.account, name="account"),
]
