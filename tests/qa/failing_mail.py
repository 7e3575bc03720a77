from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    """A mail server that refuses everything."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("connection refused")
