"""Sync with the home agency: wire formats, end-to-end crypto, merge rules and the HTTP client.

Nothing here touches the vault (that is ``liaison.store.sync_*``) or the server (``liaison.server``):
these modules are shared by both ends, so the server can check what it must without ever holding a
key that opens content.
"""
