"""The visitor's IP address, the same for login lockout and rate limits."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or the header the reverse proxy sets when one is configured.

    Behind nginx every request comes from the proxy's address, so lockouts and
    limits would hit all visitors at once; the proxy then passes the real
    address in a header that clients cannot forge (XUNJIE_CLIENT_IP_HEADER).
    """
    header = settings.XUNJIE_CLIENT_IP_HEADER
    address = request.META.get(header, "") if header else ""
    # X-Forwarded-For may carry a chain; the proxy appends the client last.
    address = address.split(",")[-1].strip()
    return address or request.META.get("REMOTE_ADDR", "") or "0.0.0.0"
