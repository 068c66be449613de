from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from jaga.people.models import Membership, Organisation, Person


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "person"
    extra = 0
    raw_id_fields = ["organisation", "area", "granted_by"]


@admin.register(Person)
class PersonAdmin(UserAdmin):
    list_display = ["username", "full_name", "phone", "is_active", "is_staff", "is_demo"]
    search_fields = ["username"]  # name and phone are encrypted
    fieldsets = [
        *(UserAdmin.fieldsets or ()),
        ("Jaga", {"fields": ["full_name", "phone", "is_demo"]}),
    ]
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "area", "is_active", "is_demo"]
    list_filter = ["kind", "is_active", "is_demo"]
    search_fields = ["name"]
    raw_id_fields = ["area", "parent"]
