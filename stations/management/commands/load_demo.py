"""`manage.py load_demo`: load the demo corpus; safe to run again."""

import time

from django.core.management.base import BaseCommand

from stations.demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo corpus (staff, enterprises, experts, problems with answers, "
        "knowledge pages). Idempotent: existing records are left as they are."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        tally = load_demo(progress=lambda message: self.stdout.write(f"… {message}"))
        for kind in tally.kinds():
            self.stdout.write(
                f"{kind:>16}: {tally.created[kind]:4d} created, "
                f"{tally.present[kind]:4d} already present"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {time.monotonic() - started:.1f}s: "
                f"{tally.total_created} records created. "
                f"Demo accounts share the password “{DEMO_PASSWORD}”."
            )
        )
