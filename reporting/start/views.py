from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from accounts.selectors import previous_sign_in
from reporting.start.selectors import start_page


@login_required
def start(request):
    """The signed-in person's start page: a section for each role they hold."""
    page = start_page(user=request.user, today=timezone.localdate())
    context = {"page": page, "previous_sign_in": previous_sign_in(request.user)}
    return render(request, "reporting/start/start.html", context)
