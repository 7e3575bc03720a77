"""Writes for the expert roster: registration, vetting, availability."""
