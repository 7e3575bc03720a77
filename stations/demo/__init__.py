"""Demo corpus for developers and reviewers: people, problems, threads and pages."""

#: The one password of every demo account (admin, director, clerk1, clerk2, editor,
#: ent01–ent15, exp01–exp24). Demo data only: never load it into a real deployment.
DEMO_PASSWORD = "xunjie-demo"
