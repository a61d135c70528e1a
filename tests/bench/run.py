"""Benchmark: time the installed ``consensus`` on registers of 1,000, 10,000 and 100,000 decisions.

    python tests/bench/run.py                      # 1,000 and 10,000 decisions, 5 runs each
    python tests/bench/run.py --large              # and 100,000 (building it takes a long while)
    python tests/bench/run.py --sizes 1000 --runs 3 --only list

Each command runs as a whole process (as a person or script runs it): one warm-up, then the
median wall time of the runs, and the peak memory (max RSS) of any run. Beside each command its
floor: the least any program must do for the same answer (start Python and import click; stat
every file and read the index; read and parse every file on two processes; the command's --json
form, for what is only output; git alone, for a merge), timed the same way at the same time, so
that a figure can be judged on a shared machine whose speed changes by the hour. Prints a
Markdown table. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from consensus import __version__, process
from consensus.codec import encode_decision
from consensus.models import Decision, Meeting, Settings
from consensus.replay import replay
from consensus.tomlfile import dumps, meeting_document, settings_document

BIN = Path(sys.executable).parent / "consensus"
WORDS = ["meeting", "room", "budget", "youth", "neighbours", "garden", "festival", "volunteers", "newsletter", "kitchen", "rota", "keys", "insurance", "website", "donations", "bicycle", "library", "school", "park", "tenants", "council", "translation", "childcare", "accessibility", "minutes", "review", "policy", "conflict", "training", "events",
         # and some German, as the group this tool began with writes: titles not all ASCII
         "Bürgerhaus", "Übersetzung", "Straßenfest", "Förderverein"]
PEOPLE = ["Ayşe", "Bo", "Chris", "Dana", "Emre", "Fatma", "Jonas", "Lea", "Marco", "Yusuf"]
TARGETS = {  # the goals: at 10,000 decisions, and at 100,000
    "--help": "≤ 60 ms", "--version": "≤ 60 ms", "show ID": "≤ 150 ms", "propose": "≤ 250 ms",
    "consent": "≤ 250 ms", "list": "≤ 250 ms", "list --json": "≤ 250 ms", "list on a terminal": "≤ 250 ms",
    "list (no index yet)": "≤ 1.5 s; ≤ 12 s at 100k", "summary --format md": "≤ 800 ms; ≤ 1 s at 100k",
    "check": "≤ 6 s; ≤ 2 s at 100k", "check --full": "≤ 12 s at 100k", "site (full build)": "≤ 60 s",
    "live: one step line (concern, undo)": "≤ 50 ms", "git merge: 100 decisions changed on both sides": "≤ 2 s",
    "changes --since (a year)": "≤ 1.5 × --json", "history ID (2,000 events)": "≤ 1.5 × --json",
    "participation": "≤ 1.5 × --json", "meeting list": "≤ 1.5 × --json",
}
MEMORY = 300  # MiB: no command may take more at 100,000 decisions


FLOOR = "python -c 'import click' (the floor)"
LIVE_LINE = "live: one step line (concern, undo)"


def sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(6, 12))
    return " ".join(words).capitalize() + "."


ZONE = dt.timezone(dt.timedelta(hours=1))
END = dt.datetime(2026, 11, 2, 18, 0, tzinfo=ZONE)  # the last meeting of the built register
NOW = "2026-11-09T10:00:00+01:00"  # a week later: when the coordinator writes the summary


def write_atomic(path: Path, data: bytes) -> None:
    """The builder's writes: a register made for a benchmark need not survive a power cut."""
    from consensus.storage import write_atomic as written

    written(path, data, durable=False)


def build(root: Path, size: int, seed: int = 1, reviews: bool = True) -> list[str]:
    """A register of ``size`` decisions made over five years, with a few versions and about a
    dozen events each, and a meeting every twenty decisions. With ``reviews``, the group reviews
    a decision when it falls due, as groups that use the tool do (one in thirty is let slip);
    without, nothing was ever reviewed and most active decisions are overdue."""
    rng = random.Random(seed)
    (root / "decisions").mkdir(parents=True)
    (root / "meetings").mkdir()
    write_atomic(root / "consensus.toml", dumps(settings_document(Settings(name=f"Bench {size}", members=tuple(PEOPLE)))).encode())
    span = dt.timedelta(days=5 * 365)
    step = dt.timedelta(minutes=max(1, int(span.total_seconds() / 60 / size)))
    start = END - step * (size - 1)
    meetings: list[Meeting] = []
    active: list[Decision] = []
    made: list[str] = []
    for n in range(size):
        at = start + step * n
        meeting = None
        if n % 20 == 0:
            meeting = Meeting(id=f"m{n:07d}", started_at=at, ended_at=at + dt.timedelta(hours=2),
                              title=f"Meeting {n // 20}", attendees=tuple(rng.sample(PEOPLE, 6)))
            meetings.append(meeting)
        def act(who: str, minutes: int = 0, at: dt.datetime = at, meeting: Meeting | None = meeting) -> process.Act:
            return process.Act(who, at + dt.timedelta(minutes=minutes), meeting.id if meeting else None)

        title = " ".join(rng.sample(WORDS, rng.randint(2, 5))).capitalize()
        text = "\n\n".join(" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(1, 3)))
        # Only what stood still since: a decision amended after this moment cannot be replaced at it
        # (the process refuses a step dated before a decision's newest event).
        # (The list is made only when a replacement is drawn: made every time, it cost the build of
        # 100,000 decisions hours. The random numbers are drawn as before, so is the register.)
        replaced = []
        if any(d.history[-1].at <= at for d in active) and rng.random() < 0.08:
            settled = [i for i, d in enumerate(active) if d.history[-1].at <= at]
            replaced = [active.pop(rng.choice(settled))]
        decision = process.propose(f"d{n:07d}", act(rng.choice(PEOPLE)), title=title, text=text,
                                   tags=rng.sample(WORDS, rng.randint(0, 2)),
                                   replaces=[replay(r) for r in replaced], why=sentence(rng) if replaced else None)
        for who in rng.sample(PEOPLE, rng.randint(3, 6)):
            decision, _ = process.consent(decision, act(who, 1))
        if rng.random() < 0.3:
            decision, number = process.object_(decision, act(rng.choice(PEOPLE), 2), reason=sentence(rng))
            decision = process.resolve(decision, act(rng.choice(PEOPLE), 3), number, how=sentence(rng))
        if rng.random() < 0.3:
            decision = process.concern(decision, act(rng.choice(PEOPLE), 3), reason=sentence(rng))
        fate = rng.random()
        if (fate < 0.04 and END - at < dt.timedelta(days=90)) or n == size - 1:
            made.append(decision.id)
            write_atomic(root / "decisions" / f"{decision.id}.toml", encode_decision(decision))
            continue  # still under discussion
        if fate < 0.07:  # turned down (or, when older, left to lapse)
            decision = process.close(decision, act(decision.history[0].by, 4), "rejected", why=sentence(rng))
        else:
            decision, superseded = process.adopt(
                decision, act(rng.choice(PEOPLE), 5), rule="consent", required=[],
                review_by=(at + dt.timedelta(days=rng.randint(180, 1500))).date(), replaced=replaced,
            )
            for old_decision in superseded:
                write_atomic(root / "decisions" / f"{old_decision.id}.toml", encode_decision(old_decision))
            for version in range(rng.randint(0, 2)):
                later = act(rng.choice(PEOPLE), 60 * 24 * (version + 1) * 30)
                decision = process.amend(decision, later, text=text + " " + sentence(rng), title=None, why=sentence(rng))
                for who in rng.sample(PEOPLE, 3):
                    decision, _ = process.consent(decision, process.Act(who, later.at, None))
                decision, _ = process.adopt(decision, later, rule="consent", required=[],
                                            review_by=(later.at + dt.timedelta(days=365)).date())
            active.append(decision)
        made.append(decision.id)
        write_atomic(root / "decisions" / f"{decision.id}.toml", encode_decision(decision))
    for index, decision in enumerate(active if reviews else []):
        due = replay(decision).review_by
        changed = False
        while due is not None and due < END.date() and rng.random() > 1 / 30:
            at = dt.datetime.combine(due, dt.time(19, 0), tzinfo=ZONE)
            due = due + dt.timedelta(days=rng.randint(365, 3 * 365))
            decision = process.review(decision, process.Act(rng.choice(PEOPLE), at, None), next_review=due,
                                      note=sentence(rng) if rng.random() < 0.3 else None)
            changed = True
        if changed:
            active[index] = decision
            write_atomic(root / "decisions" / f"{decision.id}.toml", encode_decision(decision))
    for meeting in meetings:
        write_atomic(root / "meetings" / f"{meeting.id}.toml", dumps(meeting_document(meeting)).encode())
    return made


def _concern(root: Path, decision_id: str) -> None:
    """One change to one decision (a concern raised), for the site's rebuild to pick up."""
    env = {**os.environ, "CONSENSUS_USER": "Bo", "CONSENSUS_NOW": NOW, "NO_COLOR": "1"}
    subprocess.run([str(BIN), "concern", decision_id, "--reason", "Still right?"], cwd=root, env=env,
                   check=True, capture_output=True)


def _stored(root: Path, decision_id: str) -> Decision:
    from consensus.codec import parse_decision

    path = root / "decisions" / f"{decision_id}.toml"
    return parse_decision(path, path.read_bytes())


def adr_folder(root: Path, size: int) -> Path:
    """``size`` adr-tools records, every tenth superseding the one before it."""
    folder = root / "adr"
    folder.mkdir()
    rng = random.Random(2)
    for n in range(1, size + 1):
        relation = f"\n\nSupersedes [{n - 1}. Earlier]({n - 1:04d}-record-{n - 1}.md)" if n % 10 == 0 else ""
        body = "\n\n".join(sentence(rng) for _ in range(4))
        (folder / f"{n:04d}-record-{n}.md").write_text(
            f"# {n}. Record {n}\n\nDate: 2020-01-{1 + n % 28:02d}\n\n## Status\n\nAccepted{relation}\n\n"
            f"## Context\n\n{body}\n\n## Decision\n\n{sentence(rng)}\n", encoding="utf-8")
    return folder


# A small launcher times the command and reads its peak memory. Started straight from this
# process, a command would inherit (for a moment, before exec) this process's own large memory,
# and the kernel's high-water mark would report that instead of the command's.
_LAUNCHER = """
import os, sys, time
quiet = os.open(os.devnull, os.O_WRONLY)
begin = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, quiet, 1)])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - begin, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""
# The same, its output to a terminal of 80 columns, read as fast as it comes (as a terminal
# window does; a terminal nobody reads holds the command up once its small buffer is full).
_TERMINAL_LAUNCHER = """
import fcntl, os, struct, sys, termios, time
screen, command_side = os.openpty()
fcntl.ioctl(command_side, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
begin = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, command_side, 1)])
os.close(command_side)
while True:
    try:
        if not os.read(screen, 1 << 16):
            break
    except OSError:  # EIO: the command has ended and its side of the terminal is closed
        break
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - begin, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


# Live notes keep one process for a whole meeting: what counts is the time of one line in it.
_LIVE = """
import os, resource, statistics, sys, time
from collections.abc import Iterator
from pathlib import Path
from consensus.live import Session, parse
from consensus.register import Register
session = Session(Register(Path(sys.argv[1])), by="Ayşe")
session.begin(title="Bench", attendees=[], guests=[])
def text(what, prefill):
    return prefill
session.handle(parse("open " + sys.argv[2], "en"), text)
times = []
for n in range(int(sys.argv[3])):
    for line in ("concern Bo: it may cost more", "undo"):
        begin = time.perf_counter()
        session.handle(parse(line, "en"), text)
        times.append(time.perf_counter() - begin)
session.handle(parse("end", "en"), text)
print(statistics.median(times), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def measure_live(root: Path, decision: str, runs: int) -> tuple[float, float]:
    """(median seconds of one step line, peak MiB) in one live session on the register in ``root``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONSENSUS_")}
    env.update({"CONSENSUS_USER": "Ayşe", "CONSENSUS_NOW": NOW})
    done = subprocess.run([sys.executable, "-c", _LIVE, str(root), decision, str(max(runs, 5) * 4)], env=env,
                          capture_output=True, text=True, check=True)
    seconds, rss = done.stdout.split()
    return float(seconds), int(rss) / 1024


def measure(args: list[str], cwd: Path, runs: int, prepare: object = None, warm_up: bool = True,
            program: Path = BIN, terminal: bool = False) -> tuple[float, float]:
    """(median seconds, peak MiB) of ``consensus args`` (or ``program args``) run as a whole process,
    its output to a pipe, or with ``terminal`` to an 80-column terminal that wants colour."""
    unwanted = ("PYTHONDONTWRITEBYTECODE", "NO_COLOR", "COLUMNS", "LINES")
    env = {k: v for k, v in os.environ.items() if k not in unwanted and not k.startswith("CONSENSUS_")}
    env.update({"CONSENSUS_USER": "Ayşe", "CONSENSUS_NOW": NOW})
    env.update({"TERM": "xterm-256color"} if terminal else {"NO_COLOR": "1"})
    times, peak = [], 0
    for index in range(runs + 1 if warm_up else runs):  # a first run warms caches, writes bytecode
        if callable(prepare):
            prepare()
        # stderr to a file, not a pipe: nobody reads a pipe while we wait, and a long report
        # (an import's) would fill it and stall the command.
        with tempfile.TemporaryFile() as errors:
            launcher = _TERMINAL_LAUNCHER if terminal else _LAUNCHER
            launched = subprocess.run([sys.executable, "-S", "-c", launcher, str(program), *args], cwd=cwd, env=env,
                                      stdout=subprocess.PIPE, stderr=errors, text=True, check=True)
            elapsed, rss, code = launched.stdout.split()
            if int(code) != 0:
                errors.seek(0)
                raise SystemExit(f"consensus {' '.join(args)} failed: {errors.read().decode()}")
        if index or not warm_up:
            times.append(float(elapsed))
        peak = max(peak, int(rss))
    return statistics.median(times), peak / 1024


# -- what each command is measured against ------------------------------------------------------

# Each floor is a small program run as a whole process with the register's folder as argument.
_STAT_AND_ROWS = """
import os, sqlite3, sys
folder = os.path.join(sys.argv[1], "decisions")
where = os.open(folder, os.O_RDONLY)
for name in os.listdir(folder):
    os.stat(name, dir_fd=where)
rows = sqlite3.connect(os.path.join(sys.argv[1], ".consensus", "cache.sqlite")).execute("SELECT * FROM rows").fetchall()
"""
_DUE_DOCUMENTS = _STAT_AND_ROWS + """
import json
db = sqlite3.connect(os.path.join(sys.argv[1], ".consensus", "cache.sqlite"))
for (body,) in db.execute("SELECT d.body FROM documents d JOIN rows r USING (id) WHERE r.open_version IS NOT NULL "
                          "OR r.updated >= ? OR (r.status = 'active' AND r.review_by <= ?)", (int(sys.argv[2]), sys.argv[3])):
    json.loads(body)
"""
_EVERY_FILE = """
import hashlib, os, sys
from multiprocessing import get_context
import rtoml
folder = os.path.join(sys.argv[1], "decisions")
def job(names):
    for name in names:
        with open(os.path.join(folder, name), "rb") as handle:
            data = handle.read()
        rtoml.loads(data.decode()) if sys.argv[2] == "parse" else hashlib.blake2b(data, digest_size=16).digest()
names = os.listdir(folder)
with get_context("fork").Pool(2) as pool:
    pool.map(job, [names[0::2], names[1::2]])
"""
FLOORS = {
    "python": ("python -c pass", ["-c", "pass"]),
    "click": ("python -c 'import click'", ["-c", "import click"]),
    "rows": ("stat every file, read the index", ["-c", _STAT_AND_ROWS, "{root}"]),
    "due": ("stat every file, read the index and the kept documents it shows",
            ["-c", _DUE_DOCUMENTS, "{root}", "{since}", "{due}"]),
    "parse": ("read and parse every file, 2 processes", ["-c", _EVERY_FILE, "{root}", "parse"]),
    "hash": ("read and hash every file, 2 processes", ["-c", _EVERY_FILE, "{root}", "hash"]),
}


@dataclasses.dataclass
class Row:
    """One line of the table: how to run it, and what it is measured against."""

    name: str
    args: list[str]
    prepare: object = None
    floor: str | list[str] = "click"  # a key of FLOORS, or consensus arguments (its --json form)
    terminal: bool = False
    heavy: bool = False  # one run at 10,000 and more


def _long_history(root: Path, size: int) -> str:
    """A decision with 2,000 events (concerns raised over years), written into the register."""
    decision = process.propose("h0000000", process.Act("Ayşe", END - dt.timedelta(days=800)), title="Long",
                               text="A decision talked about for years.")
    decision, _ = process.adopt(decision, process.Act("Bo", END - dt.timedelta(days=799)), rule="consent",
                                required=[], review_by=END.date())
    for n in range(1998):
        decision = process.concern(decision, process.Act(PEOPLE[n % len(PEOPLE)], END - dt.timedelta(
            days=798) + dt.timedelta(hours=9 * n), None), reason=sentence(random.Random(n)))
    write_atomic(root / "decisions" / f"{decision.id}.toml", encode_decision(decision))
    return decision.id


def rows_for(root: Path, work: Path, ids: list[str], size: int) -> tuple[list[Row], Iterator[int]]:
    """Every row of the table for the register in ``root``."""
    target = ids[len(ids) // 2]
    active = next(i for i in ids[len(ids) // 2:] if replay(_stored(root, i)).status == "active")
    open_one = next(i for i in ids if replay(_stored(root, i)).open is not None)
    lineage = next(i for i in ids[len(ids) // 2:] if replay(_stored(root, i)).replaces)
    old_meeting = sorted(p.stem for p in (root / "meetings").glob("*.toml"))[len(ids) // 200]
    long = _long_history(root, size)
    year = (dt.date.fromisoformat(NOW[:10]) - dt.timedelta(days=365)).isoformat()
    counter = iter(range(10**6))
    cold = lambda root=root: shutil.rmtree(root / ".consensus", ignore_errors=True)  # noqa: E731
    return [
        Row("--help", ["--help"], floor="python"),
        Row("--version", ["--version"], floor="python"),
        Row("show ID", ["show", target]),
        Row("propose", ["propose", "A new idea", "--text", "Something better."]),
        Row("consent", ["consent", open_one, "--by", "{person}"]),
        Row("graph ID", ["graph", lineage]),
        Row("history ID (2,000 events)", ["history", long], floor=["history", long, "--json"]),
        Row("meeting show (a meeting of five years ago)", ["meeting", "show", old_meeting]),
        Row("meeting list", ["meeting", "list"], floor=["meeting", "list", "--json"]),
        Row("participation", ["participation"], floor=["participation", "--json"]),
        Row("list", ["list"], floor="rows"),
        Row("list --json", ["list", "--json"], floor="rows"),
        Row("list on a terminal", ["list"], floor="rows", terminal=True),  # 80 columns, in colour
        Row("list --search WORD", ["list", "--search", "garden"], floor="rows"),
        Row("list (no index yet)", ["list"], cold, floor="parse", heavy=True),
        Row("list --search WORD (no index yet)", ["list", "--search", "garden"], cold, floor="parse", heavy=True),
        Row("summary --format md", ["summary", "--format", "md"], floor="due"),
        Row("summary (nothing kept yet)", ["summary", "--format", "md"], cold, floor="parse", heavy=True),
        Row("changes --since (a year)", ["changes", "--since", year], floor=["changes", "--since", year, "--json"],
            heavy=True),
        Row("check", ["check"], floor="hash", heavy=True),
        Row("check --full", ["check", "--full"], floor="parse", heavy=True),
        Row("site (full build)", ["site", "-o", str(work / f"site{size}")],
            lambda out=work / f"site{size}": shutil.rmtree(out, ignore_errors=True), heavy=True),
        Row("site (after one change)", ["site", "-o", str(work / f"site{size}")],
            lambda root=root, active=active: _concern(root, active), heavy=True),
    ], counter


def git_merge(root: Path, work: Path, runs: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """(median seconds, peak MiB) of ``git merge`` when both sides changed the same 100 decisions,
    with consensus's merge driver, and with a driver that does nothing (git alone)."""
    def git(*args: str, cwd: Path) -> None:
        subprocess.run(["git", "-c", "user.name=Bench", "-c", "user.email=b@e", "-c", "init.defaultBranch=main", *args],
                       cwd=cwd, check=True, capture_output=True)

    origin = work / "merge-origin"
    shutil.copytree(root, origin, ignore=shutil.ignore_patterns(".consensus"))
    git("init", "-q", cwd=origin)
    git("add", "-A", cwd=origin)
    git("commit", "-qm", "register", cwd=origin)
    ours, theirs = work / "merge-ours", work / "merge-theirs"
    git("clone", "-q", str(origin), str(ours), cwd=work)
    git("clone", "-q", str(origin), str(theirs), cwd=work)
    # Decisions a concern can be raised on (in force or proposed), spread over the register.
    open_to_concerns = [p.stem for p in sorted((root / "decisions").glob("*.toml"))
                        if replay(_stored(root, p.stem)).status in ("active", "proposed")]
    chosen = open_to_concerns[::max(1, len(open_to_concerns) // 100)][:100]
    later = dt.datetime.fromisoformat(NOW)
    for clone, who, minutes in ((ours, "Bo", 0), (theirs, "Lea", 1)):
        for decision_id in chosen:
            decision = _stored(clone, decision_id)
            at = max(later, decision.history[-1].at) + dt.timedelta(minutes=minutes)
            changed = process.concern(decision, process.Act(who, at, None), reason=f"{who} wonders")
            write_atomic(clone / "decisions" / f"{decision_id}.toml", encode_decision(changed))
        git("commit", "-qam", f"{who}'s concerns", cwd=clone)
    subprocess.run([str(BIN), "git-setup"], cwd=ours, check=True, capture_output=True)
    git("fetch", "-q", str(theirs), "main:theirs", cwd=ours)
    git("branch", "-q", "start", cwd=ours)
    back = lambda: (git("reset", "-q", "--hard", "start", cwd=ours), git("checkout", "-q", "-f", "main", cwd=ours))  # noqa: E731
    merge = ["-c", "user.name=Bench", "-c", "user.email=b@e", "merge", "-q", "--no-edit", "theirs"]
    with_driver = measure(merge, ours, runs, back, program=Path(shutil.which("git") or "git"))
    git("config", "merge.consensus.driver", "true", cwd=ours)
    alone = measure(merge, ours, runs, back, program=Path(shutil.which("git") or "git"))
    return with_driver, alone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="register sizes (default: 1000,10000)")
    parser.add_argument("--large", action="store_true", help="also 100,000 decisions (building it takes long)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default: 5)")
    parser.add_argument("--import-size", type=int, default=None, help="ADR records to import (default: the largest size)")
    parser.add_argument("--registers", metavar="DIR", type=Path,
                        help="keep the built registers in DIR (rSIZE), and use those already there (copies of them)")
    parser.add_argument("--only", metavar="PREFIX", default="",
                        help="time only the commands whose row starts with PREFIX (e.g. site); no import or merge row")
    parser.add_argument("--no-reviews", action="store_true",
                        help="a register where nothing was ever reviewed (most decisions overdue)")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")] + ([100_000] if options.large else [])
    work = Path(tempfile.mkdtemp(prefix="consensus-bench-"))
    results: dict[str, dict[int, tuple[float, float]]] = {}
    floors: dict[str, dict[int, tuple[str, float]]] = {}
    try:
        for size in sizes:
            root = work / f"r{size}"
            kept = options.registers / f"r{size}" if options.registers else None
            began = time.perf_counter()
            if kept is not None and (kept / "ids.txt").exists():
                shutil.copytree(kept, root, symlinks=True, ignore=shutil.ignore_patterns(".consensus"))
                ids = (kept / "ids.txt").read_text().split()
            else:
                ids = build(root, size, reviews=not options.no_reviews)
                if kept is not None:
                    shutil.copytree(root, kept)
                    (kept / "ids.txt").write_text("\n".join(ids))
            print(f"{size:>7} register ready in {time.perf_counter() - began:.0f} s", file=sys.stderr)
            rows, counter = rows_for(root, work, ids, size)
            measured: dict[str, tuple[float, float]] = {}

            def floor_of(row: Row, size: int = size, root: Path = root, measured: dict[str, tuple[float, float]]
                         = measured) -> tuple[str, float]:
                if isinstance(row.floor, list):
                    seconds = measure(row.floor, root, options.runs if not row.heavy or size < 10000 else 1)[0]
                    return f"`{' '.join(row.floor[:1] + row.floor[-1:])}`", seconds
                if row.floor not in measured:
                    args = FLOORS[row.floor][1]
                    since = dates_instant(NOW, days=7)
                    filled = [a.format(root=root, since=since, due=NOW[:10]) for a in args]
                    measured[row.floor] = measure(filled, root, options.runs, program=Path(sys.executable))
                return FLOORS[row.floor][0], measured[row.floor][0]

            for row in rows:
                if not row.name.startswith(options.only) or (row.name.startswith("site") and not options.only):
                    continue
                args = [a.replace("{person}", PEOPLE[next(counter) % len(PEOPLE)]) for a in row.args]
                runs = 1 if row.heavy and size >= 10000 else options.runs
                results.setdefault(row.name, {})[size] = measure(args, root, runs, row.prepare, terminal=row.terminal)
                floors.setdefault(row.name, {})[size] = floor_of(row)
                print(f"{size:>7} {row.name:<40} {results[row.name][size][0] * 1000:8.0f} ms "
                      f"(floor {floors[row.name][size][1] * 1000:.0f} ms)", file=sys.stderr)
            if not options.only or LIVE_LINE.startswith(options.only):
                results.setdefault(LIVE_LINE, {})[size] = measure_live(root, open_one_of(root, ids), options.runs)
            if not options.only and size == 10000:
                with_driver, alone = git_merge(root, work, min(options.runs, 3))
                name = "git merge: 100 decisions changed on both sides"
                results.setdefault(name, {})[size] = with_driver
                floors.setdefault(name, {})[size] = ("git alone (a driver that does nothing)", alone[0])
        if not options.only:
            import_size = options.import_size or max(sizes)
            folder = adr_folder(work, import_size)
            register = work / "import"
            subprocess.run([str(BIN), "-C", str(register), "init"], check=True, capture_output=True)
            results[f"import adr ({import_size:,} records)"] = {
                max(sizes): measure(["import", "adr", str(folder)], register, 1, warm_up=False)
            }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(results, floors, sizes)


def open_one_of(root: Path, ids: list[str]) -> str:
    return next(i for i in ids if replay(_stored(root, i)).open is not None)


def dates_instant(now: str, days: int) -> int:
    """The microseconds since the epoch of ``days`` before ``now`` (rows keep moments so)."""
    from consensus.dates import instant

    return instant(dt.datetime.fromisoformat(now) - dt.timedelta(days=days))


def _cell(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def print_table(results: dict[str, dict[int, tuple[float, float]]], floors: dict[str, dict[int, tuple[str, float]]],
                sizes: list[int]) -> None:
    cpu = _cpu()
    print(f"consensus {__version__}, Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
          f"{os.cpu_count()} cores{', ' + cpu if cpu else ''}\n")
    head = " | ".join(f"{s:,} decisions | floor" for s in sizes)
    print(f"| command | {head} | peak memory | goal |")
    print("|---|" + "---:|---:|" * len(sizes) + "---:|---|")
    said: dict[str, str] = {}
    for name, by_size in results.items():
        cells = []
        for size in sizes:
            cells.append(_cell(by_size[size][0]) if size in by_size else "")
            floor = floors.get(name, {}).get(size)
            cells.append(_cell(floor[1]) if floor else "")
            if floor:
                said.setdefault(floor[0], name)
        peak = max(m for _, m in by_size.values())
        goal = TARGETS.get(name, "")
        if name.startswith("import"):
            goal = f"≤ {MEMORY} MiB at 100k"
        print(f"| `{name}` | {' | '.join(cells)} | {peak:.0f} MiB | {goal} |")
    print("\nFloors: " + "; ".join(f"{floor} (first for `{name}`)" for floor, name in said.items()) + ".")


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


if __name__ == "__main__":
    main()
