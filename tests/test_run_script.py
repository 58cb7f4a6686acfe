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
    for tool in ("dirname", "id", "readlink", "head", "grep", "chmod"):
        (bindir / tool).symlink_to(shutil.which(tool))
    # records what it was asked; "install chromium" puts a chromium on PATH, as the package does
    stub = (f'#!{shutil.which("bash")}\necho "$*" >> {log}\n'
            f'case "$*" in *install*chromium*) printf "#!{shutil.which("bash")}\\nexit 0\\n" > {bindir}/chromium;'
            f' chmod 755 {bindir}/chromium ;; esac\n')
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


# ---- Python and .venv checks (issue 14) --------------------------------------------
#
# These run a copy of run.sh in a temporary folder, with requirements files that
# name no package, so .venv can be made and checked in seconds, and the project's
# own .venv is never touched.

import sys  # noqa: E402

SYSTEM_PYTHON = shutil.which("python3", path="/usr/local/bin:/usr/bin:/bin") or sys.executable


def _project_copy(tmp_path: Path) -> Path:
    proj = tmp_path / "proj"
    proj.mkdir()
    shutil.copy(ROOT / "run.sh", proj / "run.sh")
    (proj / "requirements.txt").write_text("# no packages: the test only checks .venv\n")
    (proj / "requirements-test.txt").write_text("-r requirements.txt\n")
    return proj


def _fake_bin(tmp_path: Path) -> Path:
    """A folder put first on PATH: a Chromium that is not a snap, and a logging apt-get."""
    bindir = tmp_path / "fakebin"
    bindir.mkdir()
    (bindir / "chromium").write_text(f"#!{shutil.which('bash')}\nexit 0\n")
    (bindir / "apt-get").write_text(f'#!{shutil.which("bash")}\necho "$*" >> {tmp_path / "apt.log"}\n')
    for f in bindir.iterdir():
        f.chmod(0o755)
    return bindir


def _setup(proj: Path, bindir: Path, **env_extra) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("CHROMIUM", "PYTHON", "VIRTUAL_ENV")}
    env["PATH"] = f"{bindir}:/usr/local/bin:/usr/bin:/bin"
    env.update(env_extra)
    return subprocess.run([shutil.which("bash"), str(proj / "run.sh"), "setup"], env=env,
                          capture_output=True, text=True, timeout=240)


def _fake_python(tmp_path: Path, version: str, has_venv: bool = True) -> Path:
    """A 'python' that reports ``version``, logs every other call and installs nothing."""
    log = tmp_path / "python.log"
    script = tmp_path / f"python{version}"
    script.write_text(
        f"#!{shutil.which('bash')}\n"
        f'echo "$*" >> {log}\n'
        'case "$*" in\n'
        f'  *version_info*) echo {version} ;;\n'
        f'  *ensurepip*) exit {0 if has_venv else 1} ;;\n'
        '  "-c ") exit 0 ;;\n'
        "  *) exit 1 ;;\n"
        "esac\n")
    script.chmod(0o755)
    return script


def _venv_version(proj: Path) -> str:
    out = subprocess.run([str(proj / ".venv/bin/python"), "-c",
                          'import sys; print("%d.%d" % sys.version_info[:2])'],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_a_python_older_than_311_is_refused_before_anything_is_installed(tmp_path):
    proj, bindir = _project_copy(tmp_path), _fake_bin(tmp_path)
    old = _fake_python(tmp_path, "3.10")
    result = _setup(proj, bindir, PYTHON=str(old))
    assert result.returncode == 2, result.stdout + result.stderr
    message = result.stderr.strip()
    # one paragraph that says what is wrong, what to install and how to point at it
    assert "\n\n" not in message, message
    assert "3.11 or newer" in message and "Python 3.10" in message
    assert "PYTHON=" in message and "Nothing has been installed" in message
    assert not (proj / ".venv").exists()
    calls = (tmp_path / "python.log").read_text()
    assert "venv" not in calls.replace("import venv", "") and "pip" not in calls, calls
    assert not (tmp_path / "apt.log").exists()


def test_a_python_without_its_venv_module_gets_a_clear_message(tmp_path):
    proj, bindir = _project_copy(tmp_path), _fake_bin(tmp_path)
    result = _setup(proj, bindir, PYTHON=str(_fake_python(tmp_path, "3.11", has_venv=False)))
    assert result.returncode == 2
    assert "venv" in result.stderr and "apt-get install python3.11-venv" in result.stderr
    assert not (proj / ".venv").exists()


def test_a_venv_made_with_another_python_is_made_again(tmp_path):
    proj, bindir = _project_copy(tmp_path), _fake_bin(tmp_path)
    # a .venv left by an older attempt with Python 3.10
    (proj / ".venv/bin").mkdir(parents=True)
    (proj / ".venv/bin/python").symlink_to(_fake_python(tmp_path, "3.10"))
    result = _setup(proj, bindir, PYTHON=SYSTEM_PYTHON)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cannot be used: it was made with Python 3.10" in result.stdout
    assert _venv_version(proj) == _venv_version_of(SYSTEM_PYTHON)
    # and the next run reuses it quietly
    again = _setup(proj, bindir, PYTHON=SYSTEM_PYTHON)
    assert again.returncode == 0 and "cannot be used" not in again.stdout and "Making" not in again.stdout


def test_a_venv_without_pip_is_made_again(tmp_path):
    proj, bindir = _project_copy(tmp_path), _fake_bin(tmp_path)
    subprocess.run([SYSTEM_PYTHON, "-m", "venv", "--without-pip", str(proj / ".venv")], check=True)
    result = _setup(proj, bindir, PYTHON=SYSTEM_PYTHON)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cannot be used: it has no pip" in result.stdout
    subprocess.run([str(proj / ".venv/bin/python"), "-m", "pip", "--version"], check=True, capture_output=True)


def test_an_install_that_failed_is_started_again_from_scratch(tmp_path):
    proj, bindir = _project_copy(tmp_path), _fake_bin(tmp_path)
    (proj / "requirements.txt").write_text("this-package-does-not-exist-anywhere==0.0.1\n")
    failed = _setup(proj, bindir, PYTHON=SYSTEM_PYTHON, PIP_NO_INDEX="1")
    assert failed.returncode == 2
    assert "Installing the Python packages failed" in failed.stderr and "install.log" in failed.stderr
    (proj / "requirements.txt").write_text("# fixed\n")
    result = _setup(proj, bindir, PYTHON=SYSTEM_PYTHON, PIP_NO_INDEX="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the last install into it did not finish" in result.stdout


def _venv_version_of(python: str) -> str:
    out = subprocess.run([python, "-c", 'import sys; print("%d.%d" % sys.version_info[:2])'],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_ubuntus_snap_chromium_is_not_used_and_the_message_says_what_to_install(tmp_path):
    bindir, log = _bin(tmp_path, with_chromium=False)
    wrapper = bindir / "chromium-browser"  # what Ubuntu's transitional package installs
    wrapper.write_text(f"#!{shutil.which('bash')}\nexec /snap/bin/chromium \"$@\"\n")
    wrapper.chmod(0o755)
    release = tmp_path / "os-release"
    release.write_text('NAME="Ubuntu"\nID=ubuntu\nVERSION_ID="24.04"\n')
    env = {k: v for k, v in os.environ.items() if k != "CHROMIUM"}
    env.update(PATH=str(bindir), OS_RELEASE=str(release))
    result = subprocess.run([shutil.which("bash"), str(ROOT / "run.sh"), "browser"],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "snap" in result.stderr and "Google Chrome" in result.stderr and "CHROMIUM=" in result.stderr
    assert not log.exists()  # apt-get cannot help here, so it is not run
