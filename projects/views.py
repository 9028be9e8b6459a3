from __future__ import annotations

from django.http import HttpResponse


def project_list(request):
    return HttpResponse()


def project_detail(request, pk):
    return HttpResponse()


def project_funding_pdf(request, pk):
    return HttpResponse()
