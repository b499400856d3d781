"""Each user's own notification settings, and what was sent to them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from duban.notify.forms import TargetFormSet
from duban.notify.models import Delivery


@login_required
def mine(request):
    targets = request.user.notify_targets.all().order_by("pk")
    formset = TargetFormSet(request.POST or None, queryset=targets, prefix="t")
    if request.method == "POST" and formset.is_valid():
        for form in formset.forms:
            if form.has_changed():
                form.instance.user = request.user
        formset.save()
        messages.success(request, _("通知设置已保存。"))
        return redirect("notify:mine")
    recent = Delivery.objects.filter(user=request.user).order_by("-created_at", "-id")[:20]
    return render(request, "notify/mine.html", {"formset": formset, "recent": recent,
                                                "email": request.user.email},
                  status=400 if request.method == "POST" else 200)
