"""Sync with the home agency, as the CLI and the app's sync screens call it.

``service`` holds the user-level actions (setup, invite, join, approve, now, status, conflicts,
resolve, devices, revoke); ``engine`` moves change sets; ``trust`` decides which devices' keys to
believe. Every call takes a ``Transport`` factory so tests and the app can choose how bytes move.
"""
