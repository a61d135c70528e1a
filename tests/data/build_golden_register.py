"""Build tests/data/golden-register with the CLI itself, at fixed times and with fixed ids.

Run it only when the fixture must change:  python tests/data/build_golden_register.py
Then regenerate the golden files:          UPDATE_GOLDEN=1 python -m pytest tests/test_reports.py
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
from pathlib import Path

from click.testing import CliRunner

from consensus import cli as cli_module
from consensus import ids

HERE = Path(__file__).parent
TARGET = HERE / "golden-register"
NAMES = (f"{a}{b}" for a, b in itertools.product("abcdefghjk", "abcdefghjk"))


def run(*args: str, at: str) -> str:
    os.environ["CONSENSUS_NOW"] = at
    result = CliRunner().invoke(cli_module.cli, ["-C", str(TARGET), *args], catch_exceptions=False)
    if result.exit_code != 0:
        sys.exit(f"{args}: {result.stderr}")
    return result.stdout.strip()


def main() -> None:
    ids.new_id = lambda taken=(): f"{next(NAMES)}222222"  # type: ignore[assignment]
    os.environ["CONSENSUS_USER"] = "Ayşe"
    shutil.rmtree(TARGET, ignore_errors=True)
    run("init", "--name", "Riverside Co-op", "--member", "Ayşe", "--member", "Bo",
        "--member", "Chris", "--member", "Dana", "--member", "Emre", "--review-period", "1y",
        at="2026-01-05T18:00:00+01:00")
    hall = run("propose", "Meet in the community hall", "--text",
               "We meet in the community hall.\nThe key is with Bo.", "--tag", "meetings",
               at="2026-01-05T18:05:00+01:00")
    run("consent", hall, "--by", "Bo", "--by", "Chris", at="2026-01-05T18:10:00+01:00")
    run("adopt", hall, "--review-by", "2026-12-01", at="2026-01-05T18:15:00+01:00")
    run("concern", hall, "--by", "Dana", "--reason", "The hall has no step-free access",
        at="2026-02-02T18:00:00+01:00")
    tuesday = run("propose", "Meet on Tuesdays", "--text", "We meet on the first Tuesday of the month at 7 pm.",
                  "--tag", "meetings", at="2026-01-05T18:20:00+01:00")
    run("adopt", tuesday, "--review-by", "2027-01-05", at="2026-01-05T18:25:00+01:00")
    budget = run("propose", "Spending limit", "--text", "Anyone may spend up to 50 euros for the co-op without asking.",
                 at="2026-03-02T18:00:00+01:00")
    run("adopt", budget, "--review-in", "1y", at="2026-03-02T18:10:00+01:00")

    meeting = run("meeting", "start", "--title", "October circle", "--attendee", "Ayşe",
                  "--attendee", "Bo", "--attendee", "Chris", "--attendee", "Dana",
                  at="2026-10-27T19:00:00+01:00")
    wednesday = run("propose", "Meet on Wednesdays", "--text",
                    "We meet on the first Wednesday of the month at 7:30 pm.", "--replaces", tuesday,
                    "--why", "Tuesday is choir night for three of us", "--tag", "meetings",
                    at="2026-10-27T19:10:00+01:00")
    run("consent", wednesday, "--by", "Bo", "--by", "Chris", at="2026-10-27T19:15:00+01:00")
    number = run("object", wednesday, "--by", "Dana", "--reason", "I work late on Wednesdays",
                 at="2026-10-27T19:20:00+01:00")
    run("resolve", wednesday, number, "--by", "Dana", "--how", "We start at 7:30 instead of 7",
        at="2026-10-27T19:30:00+01:00")
    run("stand-aside", wednesday, "--by", "Emre", "--reason", "I rarely come anyway",
        at="2026-10-27T19:32:00+01:00")
    run("adopt", wednesday, "--review-in", "6m", at="2026-10-27T19:35:00+01:00")
    run("amend", budget, "--text", "Anyone may spend up to 100 euros for the co-op without asking; more needs two members.",
        "--why", "Prices went up; 50 euros no longer buys the paint for one room", at="2026-10-27T19:40:00+01:00")
    run("consent", budget, "--by", "Chris", at="2026-10-27T19:45:00+01:00")
    run("object", budget, "--by", "Bo", "--reason", "Two members is too much paperwork for 100 euros",
        at="2026-10-27T19:50:00+01:00")
    run("meeting", "end", at="2026-10-27T21:00:00+01:00")

    cake = run("propose", "Cake at every meeting", "--text", "Whoever hosts brings cake.",
               at="2026-11-03T10:00:00+01:00")
    run("reject", cake, "--why", "Not everyone eats sugar", at="2026-11-10T10:00:00+01:00")
    tricky = run("propose", "Use <b>bold</b> & *stars* | [links](x)",
                 "--text", "# Not a heading\n- not a list\n1. not a list\n<script>alert('x')</script> & `code`",
                 "--tag", "test", at="2026-11-12T10:00:00+01:00")
    run("consent", tricky, "--by", "Emre", at="2026-11-12T10:05:00+01:00")
    run("withdraw", tricky, "--why", "Wrong register", at="2026-11-13T10:00:00+01:00")
    youth = run("propose", "Youth first", "--text",
                "We start with the people we reach least: young people.\nA youth conference comes next.",
                "--tag", "focus", at="2026-11-15T10:00:00+01:00")
    run("consent", youth, "--by", "Chris", at="2026-11-16T10:00:00+01:00")
    print(f"built {TARGET} (meeting {meeting})")


if __name__ == "__main__":
    main()
