from django.contrib import admin

from samverka.decisions.models import Decision


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("date", "number", "title", "body")
    search_fields = ("title", "text", "number")
