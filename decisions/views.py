from __future__ import annotations

from django.http import HttpResponse


def meeting_list(request):
    return HttpResponse()


def meeting_detail(request, pk):
    return HttpResponse()


def item_detail(request, pk):
    return HttpResponse()


def item_extract_pdf(request, pk):
    return HttpResponse()
