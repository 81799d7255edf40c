"""Liaison desktop application (PySide6). Imports ``liaison``; the core never imports this."""
