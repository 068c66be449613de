from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from jaga.access.decorators import rule
from jaga.api import api, api_urls
from jaga.areas.api import router as areas_router
from jaga.cases.api import router as cases_router
from jaga.casework.api import router as tasks_router
from jaga.clocks.api import router as clocks_router
from jaga.forum.api import router as forum_router
from jaga.home import views as home
from jaga.home.api import router as home_router
from jaga.kla.api import router as kla_router
from jaga.notifications.api import router as notifications_router
from jaga.referrals.api import router as referrals_router
from jaga.reports.api import router as reports_router
from jaga.sections.api import router as sections_router
from jaga.taskforce.api import router as taskforce_router
from jaga.voice.api import router as voice_router

api.add_router("/akun", home_router)
api.add_router("/wilayah", areas_router)
api.add_router("/notifikasi", notifications_router)
api.add_router("/laporan", reports_router)
api.add_router("/kasus", cases_router)
api.add_router("/tugas", tasks_router)
api.add_router("/rujukan", referrals_router)
api.add_router("/tenggat", clocks_router)
api.add_router("/seksi-ppa", sections_router)
api.add_router("/gugus-tugas", taskforce_router)
api.add_router("/fp2atbm", forum_router)
api.add_router("/suara-anak", voice_router)
api.add_router("/kla", kla_router)

# Django's admin keeps its own staff checks; the policy names it so the URL test sees a rule.
admin.site.jaga_rule = "admin.site"  # type: ignore[attr-defined]
admin.site.site_header = "Jaga — admin teknis"

urlpatterns = [
    path("", home.home, name="home"),
    path("masuk/", home.sign_in, name="login"),
    path("keluar/", home.sign_out, name="logout"),
    path("akun/aktivasi/<uidb64>/<token>/", home.activate, name="activate"),
    path("akun/kata-sandi/", home.password_change, name="password_change"),
    path("bahasa/", rule("public.view")(set_language), name="set_language"),
    path("sehat/", home.health, name="health"),
    path("favicon.ico", home.favicon, name="favicon"),
    path("wilayah/", include("jaga.areas.urls")),
    path("orang/", include("jaga.people.urls")),
    path("audit/", include("jaga.audit.urls")),
    path("keamanan/", include("jaga.security.urls")),
    path("seksi-ppa/", include("jaga.sections.urls")),
    path("fp2atbm/", include("jaga.forum.urls")),
    path("notifikasi/", include("jaga.notifications.urls")),
    path("lapor/", include("jaga.reports.public_urls")),
    path("laporan/", include("jaga.reports.urls")),
    path("kasus/", include("jaga.cases.urls")),
    path("", include("jaga.casework.urls")),
    path("angka/", include("jaga.figures.urls")),
    path("statistik/", include("jaga.figures.public_urls")),
    path("rujukan/", include("jaga.referrals.urls")),
    path("tenggat/", include("jaga.clocks.urls")),
    path("gugus-tugas/", include("jaga.taskforce.urls")),
    path("suara/", include("jaga.voice.child_urls")),
    path("suara-anak/", include("jaga.voice.urls")),
    path("kla/", include("jaga.kla.urls")),
    path("api/", api_urls()),
    path(settings.ADMIN_PATH, admin.site.urls),
]
