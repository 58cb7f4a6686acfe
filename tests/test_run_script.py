"""The README's commands install Chromium on a machine that has none.

A fresh machine has no browser, so ./run.sh must notice and install Debian's
chromium package. These tests run the real run.sh with a PATH that holds only a
few basic tools and a stand-in apt-get that records what it was asked to do.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bin(tmp_path: Path, with_chromium: bool) -> tuple[Path, Path]:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    log = tmp_path / "apt.log"
    for tool in ("dirname", "id"):
        (bindir / tool).symlink_to(shutil.which(tool))
    stub = f'#!{shutil.which("bash")}\necho "$*" >> {log}\n'
    (bindir / "apt-get").write_text(stub)
    (bindir / "sudo").write_text(f'#!{shutil.which("bash")}\nexec "$@"\n')
    if with_chromium:
        (bindir / "chromium").write_text(f"#!{shutil.which('bash')}\nexit 0\n")
    for f in bindir.iterdir():
        if not f.is_symlink():
            f.chmod(0o755)
    return bindir, log


def _run(bindir: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CHROMIUM"}
    env["PATH"] = str(bindir)
    return subprocess.run([shutil.which("bash"), str(ROOT / "run.sh"), "browser"],
                          env=env, capture_output=True, text=True, timeout=60)


def test_a_machine_without_chromium_gets_debians_package(tmp_path):
    bindir, log = _bin(tmp_path, with_chromium=False)
    result = _run(bindir)
    assert result.returncode == 0, result.stderr
    assert "Installing Chromium" in result.stdout
    calls = log.read_text().splitlines()
    assert any("update" in c.split() for c in calls), calls
    assert any("install" in c.split() and "chromium" in c.split() for c in calls), calls


def test_a_machine_with_chromium_installs_nothing(tmp_path):
    bindir, log = _bin(tmp_path, with_chromium=True)
    result = _run(bindir)
    assert result.returncode == 0, result.stderr
    assert not log.exists()
    assert "Installing" not in result.stdout
