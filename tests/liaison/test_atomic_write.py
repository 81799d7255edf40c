"""Files written next to a target (key header, exports) go through an unpredictable temporary file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from liaison.crypto.atomic import atomic_write_bytes


def test_planted_symlink_at_the_old_temp_name_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("do not overwrite")
    target = tmp_path / "vault.db.keys"
    planted = tmp_path / f".{target.name}.tmp-{os.getpid()}"  # the name used before
    planted.symlink_to(victim)
    atomic_write_bytes(target, b"new header")
    assert victim.read_text() == "do not overwrite"
    assert target.read_bytes() == b"new header"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not target.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([victim.name, target.name, planted.name])


def test_temp_names_differ_and_nothing_is_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "export.json"
    seen: set[str] = set()
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        seen.add(Path(src).name)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    for n in range(3):
        atomic_write_bytes(target, f"{n}".encode(), mode=0o640)
    monkeypatch.undo()
    assert len(seen) == 3 and all(name.startswith(".export.json.") for name in seen)
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_missing_folder_is_named_not_the_temp_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as caught:
        atomic_write_bytes(tmp_path / "missing" / "out.json", b"x")
    assert caught.value.filename == str(tmp_path / "missing")
