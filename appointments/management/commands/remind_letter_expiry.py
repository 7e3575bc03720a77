"""Daily: remind experts and the director of letters ending within 30 days."""

from django.core.management.base import BaseCommand

from appointments.services import letters_remind_expiry


class Command(BaseCommand):
    help = (
        "Tell each expert and the director once that an appointment letter "
        "ends within 30 days. Safe to run every day."
    )

    def handle(self, *args, **options):
        told = letters_remind_expiry()
        self.stdout.write(f"{told} reminder(s) sent.")
