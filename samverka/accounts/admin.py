from django.contrib import admin

from samverka.accounts.models import RoleAssignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "unit", "description")
    list_filter = ("role", "unit")
    search_fields = ("user__username", "description")
