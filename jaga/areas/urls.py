from django.urls import path

from jaga.areas import views

app_name = "areas"
urlpatterns = [
    path("", views.area_list, name="list"),
    path("impor-rt/", views.import_rts, name="import_rts"),
    path("<str:code>/", views.area_list, name="detail"),
]
