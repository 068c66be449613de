"""Tugas saya: one page per person of what is due, across their cases and referrals."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from jaga.access.decorators import rule
from jaga.casework.tasks import tasks_for


@rule("casework.tasks")
@require_GET
def tasks(request):
    return render(request, "casework/tasks.html", {"tasks": tasks_for(request.user)})
