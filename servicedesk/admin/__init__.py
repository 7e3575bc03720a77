"""The service desk in the Wagtail admin, every list and action scoped per station."""
