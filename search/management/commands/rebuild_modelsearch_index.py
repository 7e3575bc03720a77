# modelsearch's own rebuild command, under its documented name: Wagtail installs
# modelsearch through its `wagtail.search` app, which only ships `update_index`.
from modelsearch.management.commands.rebuild_modelsearch_index import Command

__all__ = ["Command"]
