"""SMS sending behind one small interface, chosen by the QA_SMS_BACKEND setting.

The default backend only writes each message to the log (no gateway is needed
for development or for stations that do not send SMS). `HttpSmsBackend` posts
JSON to a gateway configured by QA_SMS_GATEWAY_URL and QA_SMS_GATEWAY_TOKEN.
"""

import json
import logging
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("qa.sms")


class SmsError(Exception):
    """The gateway did not accept the message; the delivery is retried later."""


class BaseSmsBackend:
    def send(self, *, phone: str, text: str) -> None:
        raise NotImplementedError


class LogSmsBackend(BaseSmsBackend):
    """Writes the message to the log instead of sending it."""

    def send(self, *, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


class HttpSmsBackend(BaseSmsBackend):
    """POSTs {"phone", "text"} as JSON with a bearer token; any non-2xx fails."""

    timeout = 10

    def send(self, *, phone: str, text: str) -> None:
        url = settings.QA_SMS_GATEWAY_URL
        if not url:
            raise SmsError("QA_SMS_GATEWAY_URL is not set")
        request = urllib.request.Request(
            url,
            data=json.dumps({"phone": phone, "text": text}).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.QA_SMS_GATEWAY_TOKEN}",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                if not 200 <= response.status < 300:
                    raise SmsError(f"gateway answered {response.status}")
        except OSError as error:
            raise SmsError(str(error)) from error


def get_sms_backend() -> BaseSmsBackend:
    return import_string(settings.QA_SMS_BACKEND)()
