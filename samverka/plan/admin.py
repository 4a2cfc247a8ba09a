from django.contrib import admin

from samverka.plan.models import (
    Activity,
    ActivityLink,
    ActivityPlan,
    ActivityReport,
    CoFinancing,
    FocusArea,
    FollowUpRound,
    PlanActivity,
    PriorityArea,
    Programme,
    ProgrammeBudget,
    ProgrammeGrant,
    ProgrammeRole,
)

for model in (
    PriorityArea,
    ActivityLink,
    FollowUpRound,
    ActivityReport,
    Programme,
    FocusArea,
    ProgrammeRole,
    ActivityPlan,
    PlanActivity,
    ProgrammeGrant,
    CoFinancing,
    ProgrammeBudget,
):
    admin.site.register(model)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("title", "priority_area", "unit", "owner", "status")
    list_filter = ("status", "priority_area__period")
