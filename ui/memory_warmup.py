"""The translation memory's fuzzy index, built right after unlocking on a worker thread.

Building it reads every memory entry (seconds for 100,000 of them, even from the stored match
forms). Done lazily on the store thread, the first translation of a session waited for it; here
a worker with a read-only connection of its own builds every language pair's index while the
officer looks around, and the store thread then adopts it in a moment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liaison.store.vault import Vault
from ui.session import Session

if TYPE_CHECKING:  # numpy and the index load on the worker, not before the unlock dialog
    from liaison.services import translation


def start(session: Session, vault: Vault) -> None:
    """Build on a worker, adopt on the store thread if ``vault`` is still the one open. Failures
    are silent: the index is then built at the first lookup, as before."""

    def build() -> translation.PrebuiltMemory:
        from liaison.services import translation  # noqa: PLC0415  (io pool)

        return translation.memory_prebuilder(vault)()

    def adopt(built: translation.PrebuiltMemory) -> None:
        from liaison.services import translation  # noqa: PLC0415  (loaded by build already)

        if session.holds(vault):
            session.query(lambda v: translation.adopt_memory(v, built), _ignore, _ignore)

    session.runner.run_io(build, adopt, _ignore)


def _ignore(_value: object) -> None:
    pass
