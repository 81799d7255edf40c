"""Liaison core: encrypted vault, domain model and services. No Qt here (enforced by tests)."""

__version__ = "0.1.0"
