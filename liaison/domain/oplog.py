"""Names in the operation log shared by the store (which writes ops) and sync (which merges them)."""

DELETED_FIELD = "_deleted"  # the tombstone op: the record is deleted, for good
RESOLUTION_FIELD = "_resolution"  # closes a delete-vs-edit conflict without reviving the record
