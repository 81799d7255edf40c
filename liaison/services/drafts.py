"""Autosaved editor drafts (see ``liaison.store.drafts``): the UI's guard against lost notes."""

from liaison.store.drafts import discard, keys, load, save

__all__ = ["discard", "keys", "load", "save"]
