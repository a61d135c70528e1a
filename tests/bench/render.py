"""Benchmark: the long outputs for people against their ``--json`` forms (issue 21's target: within 1.5×).

    python tests/bench/render.py --register /tmp/bench/reg/r10k
    python tests/bench/render.py --register /tmp/bench/reg/r10k --against /path/to/old/checkout

Copies the register (the original is never touched) and adds one decision with 2,000 events
(amendments, consents, objections and their resolutions, with reasons long enough to wrap).
Then times ``history`` of that decision, ``changes --since`` one year back, ``participation``
over a year and ``meeting list``, each beside its ``--json`` form, as whole processes writing
to a pipe and (text forms) to an 80-column terminal in colour.

The machine is shared and noisy, so the figure is the CPU time (user + system) of the command's
process, not the wall time, and the forms are run in turn (text, JSON, text, …) rather than one
after the other, so that a busy moment costs all of them alike. ``--against`` runs another
checkout's code (``python -m consensus`` from its folder) in the same turns: before and after.
Prints a Markdown table of medians. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from consensus import process
from consensus.codec import encode_decision
from consensus.storage import write_atomic

BIN = Path(sys.executable).parent / "consensus"
NOW = "2026-11-09T10:00:00+01:00"  # the benchmark register's "now" (tests/bench/run.py)
LONG_ID = "zlong2000"
PEOPLE = ["Ayşe", "Bo", "Chris", "Dana", "Emre", "Fatma", "Jonas", "Lea", "Marco", "Yusuf"]
REASON = ("The cost was not discussed with the people who pay for it, and the room is booked by the choir "
          "on the second Tuesday of every month")

# Time the command and read its CPU time; its stdout to a pipe nobody keeps, or to an
# 80-column terminal that is read as fast as it comes (as a terminal window reads it).
_LAUNCHER = """
import fcntl, os, struct, sys, termios
terminal = sys.argv[1] == "terminal"
if terminal:
    screen, out = os.openpty()
    fcntl.ioctl(out, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
else:
    out = os.open(os.devnull, os.O_WRONLY)
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, out, 1)])
if terminal:
    os.close(out)
    while True:
        try:
            if not os.read(screen, 1 << 16):
                break
        except OSError:  # EIO: the command has ended
            break
_, status, usage = os.wait4(pid, 0)
print(usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status))
"""


def long_history(root: Path, events: int = 2000) -> None:
    """A decision amended again and again, each round with consents, an objection and its
    resolution: ``events`` events in all."""
    zone = dt.timezone(dt.timedelta(hours=1))
    at = dt.datetime(2021, 1, 4, 19, 0, tzinfo=zone)

    def act(n: int) -> process.Act:
        return process.Act(PEOPLE[n % len(PEOPLE)], at + dt.timedelta(hours=n))

    decision = process.propose(LONG_ID, act(0), title="Meet every week, in turn at each member's home",
                               text="We meet every week, in turn at each member's home.")
    n = 1
    while len(decision.history) < events - 6:
        decision, _ = process.consent(decision, act(n))
        decision, number = process.object_(decision, act(n + 1), reason=f"{REASON} (round {n})")
        decision = process.resolve(decision, act(n + 2), number, how="We meet in the community hall instead when "
                                   "a home is too small, and ask the choir to swap evenings with us")
        decision, _ = process.consent(decision, act(n + 3))
        decision, _ = process.adopt(decision, act(n + 4), rule="consent", required=[],
                                    review_by=(at + dt.timedelta(days=400 + n)).date())
        decision = process.amend(decision, act(n + 5), text=f"We meet every week ({n}).", title=None,
                                 why="The rota is fairer when everyone hosts the same number of times a year")
        n += 6
    while len(decision.history) < events:
        decision, _ = process.consent(decision, act(n))
        n += 1
    write_atomic(root / "decisions" / f"{LONG_ID}.toml", encode_decision(decision))


def run_once(program: list[str], args: list[str], cwd: Path, terminal: bool) -> float:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "PYTHONPATH") and not k.startswith("CONSENSUS_")}
    env.update({"CONSENSUS_USER": "Ayşe", "CONSENSUS_NOW": NOW, "TERM": "xterm-256color"})
    if program[0] != str(BIN):  # another checkout: its code first on the path
        env["PYTHONPATH"] = program[-1]
        program = program[:-1]
    with tempfile.TemporaryFile() as errors:
        done = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, "terminal" if terminal else "pipe", *program,
                               *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=errors, text=True, check=True)
        seconds, code = done.stdout.split()
        if int(code) != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(args)} failed: {errors.read().decode()}")
    return float(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--register", type=Path, required=True, help="the register to copy (e.g. tests/bench/run.py --keep's r10000)")
    parser.add_argument("--runs", type=int, default=9, help="timed runs of each (default: 9)")
    parser.add_argument("--against", type=Path, help="another checkout whose code to time in the same turns")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="consensus-render-bench-"))
    try:
        root = work / "register"
        shutil.copytree(options.register, root, ignore=shutil.ignore_patterns(".consensus"))
        long_history(root)
        year_ago = (dt.date.fromisoformat(NOW[:10]) - dt.timedelta(days=365)).isoformat()
        commands = {
            "history (2,000 events)": ["history", LONG_ID],
            "changes --since (one year)": ["changes", "--since", year_ago],
            "participation (one year)": ["participation", "--since", year_ago],
            "meeting list": ["meeting", "list"],
        }
        programs = {"": [str(BIN)]}
        if options.against:
            programs = {"before: ": [sys.executable, "-m", "consensus", str(options.against.resolve())],
                        "after: ": [str(BIN)]}
        forms = [(label, ["--json"], False, " --json") for label in programs] + \
                [(label, [], False, "") for label in programs] + \
                [(label, [], True, " on a terminal") for label in programs]
        times: dict[tuple[str, str, str], list[float]] = {}
        for name, args in commands.items():
            for label, extra, terminal, _ in forms:  # a first run of each builds the index, writes bytecode
                run_once(programs[label], [*args, *extra], root, terminal)
            for _ in range(options.runs):
                for label, extra, terminal, form in forms:
                    seconds = run_once(programs[label], [*args, *extra], root, terminal)
                    times.setdefault((name, label, form), []).append(seconds)
            print(f"{name}: done", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"CPU time of the command's process, median of {options.runs} runs in turn; ratio to its --json\n")
    print("| command | form | CPU ms | × --json |")
    print("|---|---|---:|---:|")
    for (name, label, form), values in times.items():
        median = statistics.median(values)
        json_median = statistics.median(times[(name, label, " --json")])
        print(f"| `{name}` | {label}{form.strip() or 'text to a pipe'} | {median * 1000:.0f} | {median / json_median:.2f} |")


if __name__ == "__main__":
    main()
