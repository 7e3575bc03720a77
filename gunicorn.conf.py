"""gunicorn reads this file from the directory it starts in (the project root)."""


def post_worker_init(worker):
    # Each worker searches once before its first request (search/warmup.py); here
    # rather than in config/wsgi.py so that `--preload` never shares the index's
    # open files or a database connection between forked workers.
    from search.warmup import warm_up

    warm_up()
