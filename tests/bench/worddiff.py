"""Benchmark: ``diff`` and ``changes`` on a decision whose text was rewritten, at growing sizes.

    python tests/bench/worddiff.py                        # 11 KB, 34 KB, 230 KB and 11 MB
    python tests/bench/worddiff.py --sizes 11000 --timeout 60

Version 2 of the decision is a new text of the same size from the same words (a rewrite, the
worst case for a word diff). Each command runs once as a whole process with its output to a
pipe; prints the wall time and peak memory (max RSS), or that it was stopped at the timeout.
Not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "consensus"
WORDS = ["we", "meet", "every", "week", "in", "the", "hall", "and", "bring", "food", "for", "everyone", "who", "comes", "the", "group", "decides", "together", "what", "to", "do", "next", "with", "money", "from", "the", "garden", "fund", "snacks", "rotate", "by", "a", "sign-up", "list", "keys", "are", "kept", "by", "two", "people", "at", "a", "time", "newsletter", "goes", "out", "monthly", "to", "all", "members", "who", "ask", "for", "it", "Bürgerhaus", "Straßenfest", "Übersetzung", "volunteers", "council", "budget", "youth", "neighbours"]


def text(size: int, seed: int) -> str:
    """About ``size`` bytes of paragraphs of sentences."""
    rng = random.Random(seed)
    paragraphs, total = [], 0
    while total < size:
        sentences = [" ".join(rng.choices(WORDS, k=rng.randint(6, 14))).capitalize() + "."
                     for _ in range(rng.randint(2, 5))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph.encode()) + 2
    return "\n\n".join(paragraphs)


def run(args: list[str], cwd: Path, timeout: float, **env: str) -> str:
    """'1.23 s, 45 MiB' for one run of ``consensus args``, or that it was stopped."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CONSENSUS_")}
    environment.update({"NO_COLOR": "1", "CONSENSUS_USER": "Ayşe", **env})
    begin = time.perf_counter()
    process = subprocess.Popen([str(BIN), *args], cwd=cwd, env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = begin + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.send_signal(signal.SIGKILL)
            os.wait4(process.pid, 0)
            return f"stopped after {timeout:.0f} s"
        time.sleep(0.01)
    process.returncode = os.waitstatus_to_exitcode(status)
    took = time.perf_counter() - begin
    if process.returncode != 0:
        assert process.stderr is not None
        return f"failed ({process.stderr.read().decode().strip()[:200]})"
    return f"{took:.2f} s, {usage.ru_maxrss // 1024} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="11000,34000,230000,11000000")
    parser.add_argument("--timeout", type=float, default=300)
    options = parser.parse_args()
    print("| text size | `diff ID` | `changes --since 2026-01-01` |")
    print("|---:|---:|---:|")
    for size in (int(s) for s in options.sizes.split(",")):
        root = Path(tempfile.mkdtemp(prefix="worddiff-"))
        try:
            old, new = root / "old.md", root / "new.md"
            old.write_text(text(size, 1), encoding="utf-8")
            new.write_text(text(size, 2), encoding="utf-8")
            reg = root / "reg"
            reg.mkdir()
            at = {"CONSENSUS_NOW": "2026-06-01T10:00:00+02:00"}
            subprocess.run([str(BIN), "init"], cwd=reg, check=True, capture_output=True)
            env = {**os.environ, "CONSENSUS_USER": "Ayşe", **at}
            made = subprocess.run([str(BIN), "propose", "Snacks", "--file", str(old)], cwd=reg, env=env,
                                  check=True, capture_output=True, text=True).stdout.strip()
            subprocess.run([str(BIN), "adopt", made], cwd=reg, env=env, check=True, capture_output=True)
            subprocess.run([str(BIN), "amend", made, "--file", str(new), "--why", "rewritten"], cwd=reg,
                           env=env, check=True, capture_output=True)
            subprocess.run([str(BIN), "adopt", made], cwd=reg, env=env, check=True, capture_output=True)
            shown = run(["diff", made], reg, options.timeout, **at)
            changed = run(["changes", "--since", "2026-01-01"], reg, options.timeout, **at)
            print(f"| {size:,} bytes | {shown} | {changed} |", flush=True)
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
