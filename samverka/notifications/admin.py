from django.contrib import admin

from samverka.notifications.models import Notification, Preference


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "round_opened", "round_closing", "obligation_due", "document_built"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "user", "kind", "created", "sent_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in Notification._meta.fields]
