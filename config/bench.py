"""The framework's ceiling for bench/pages.py: a view that does nothing.

Routed only when the environment sets XUNJIE_BENCH=1 (config/urls.py).
"""

from django.http import HttpResponse


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")
