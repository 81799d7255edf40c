"""The sync server (``liaison-server``): relays and stores ciphertext, never plaintext.

Installed with ``pip install liaison[server]``. It imports ``liaison.sync`` (wire formats and
signature checks) and ``liaison.errors``, never the vault store, the services or Qt.
"""
