from django.utils.translation import gettext_lazy as _

from jaga.access.policy import register

register("public.view", _("Halaman umum tanpa masuk"), public=True)
register("home.view", _("Beranda sesuai peran"), signed_in=True)
register("account.manage", _("Mengelola akun sendiri"), signed_in=True)
# Django's admin is for staff superusers only; its own checks apply.
register("admin.site", _("Admin teknis Django"))
