"""Running the installed ``consensus`` command as a real process, for end-to-end tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent / "consensus"
COMMAND = str(BIN) if BIN.exists() else (shutil.which("consensus") or "consensus")


def environment(**extra: str) -> dict[str, str]:
    """A clean environment: no colour, fixed width, no developer settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONSENSUS_")}
    env.update({"NO_COLOR": "1", "COLUMNS": "80", "GIT_CONFIG_NOSYSTEM": "1"})
    env.update(extra)
    return env


def consensus(*args: str, cwd: Path, code: int | None = 0, input: str | None = None,
              **env: str) -> subprocess.CompletedProcess[str]:
    """Run the installed command; check its exit code unless ``code`` is None."""
    done = subprocess.run(
        [COMMAND, *args], cwd=cwd, capture_output=True, text=True, input=input,
        env=environment(**env), timeout=120, check=False,
    )
    if code is not None:
        assert done.returncode == code, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr, done.stderr
    return done


def start(*args: str, cwd: Path, **env: str) -> subprocess.Popen[str]:
    """Start the installed command without waiting for it."""
    return subprocess.Popen(
        [COMMAND, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=environment(**env),
    )
