from django.contrib import admin

from jaga.areas.models import Area


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
