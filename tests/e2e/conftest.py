"""Browser journeys: Playwright drives the distribution's Chromium against
pytest-django's live server (no browser download; `make test-full` installs it)."""

import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("XUNJIE_CHROMIUM", "/usr/bin/chromium"))
#: screenshots of every journey step, for people to look at (git-ignored)
RESULTS = Path(settings.BASE_DIR) / "test-results"
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if call.when == "call":
        item.e2e_failed = report.failed
    return report


@pytest.fixture(scope="module")
def browser():
    """Chromium for one module's journeys; closed after it, since Playwright's
    event loop must not outlive the browser tests."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: run scripts/install-test-deps.sh")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the tests' thread, and Django
    # refuses ORM calls from such a thread; the tests' own ORM use is synchronous.
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            # A fresh, empty profile per launch: nothing carried over between runs.
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE)
        else:
            os.environ[ASYNC_UNSAFE] = previous


class Actor:
    """One person in a journey: a browser context of his own (own cookies)."""

    def __init__(self, browser, base_url: str, journey: str):
        self.context = browser.new_context(
            base_url=base_url, locale="zh-CN", viewport={"width": 1280, "height": 900}
        )
        self.context.set_default_timeout(20_000)
        self.page = self.context.new_page()
        self.journey = journey

    def shot(self, step: str) -> Path:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{self.journey}-{step}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def log_in(self, username: str, password: str, next_url: str = "/problems/"):
        page = self.page
        page.goto(f"/accounts/login/?next={next_url}")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("form.card button[type=submit]")
        page.wait_for_load_state()


@pytest.fixture
def actors(browser, live_server, request):
    """Make a new person for this test's journey: `actors()`."""
    made = []
    journey = request.node.name.removeprefix("test_").replace("_", "-")

    def make() -> Actor:
        actor = Actor(browser, live_server.url, journey)
        made.append(actor)
        return actor

    yield make
    for number, actor in enumerate(made, start=1):
        if getattr(request.node, "e2e_failed", False):
            actor.shot(f"failed-{number}")  # what each person saw at the failure
        actor.context.close()
