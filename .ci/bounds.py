"""Each direct dependency (and each test extra) is installed at exactly its declared lower bound.

Run by .ci/run with the interpreter of the environment that uv resolved with
``--resolution lowest-direct --no-build``. Without wheels uv silently moves past a version it may
not build, so a passing test run alone would not prove the bound that pyproject.toml declares.
"""

from __future__ import annotations

import sys
from importlib.metadata import requires, version

from packaging.requirements import Requirement
from packaging.version import Version

DISTRIBUTION = "consensus-register"

wrong = []
for text in requires(DISTRIBUTION) or []:
    requirement = Requirement(text)
    if requirement.marker is not None and not requirement.marker.evaluate({"extra": "test"}):
        continue  # the lint extra is not installed for the tests
    lowest = [spec.version for spec in requirement.specifier if spec.operator == ">="]
    if not lowest:
        wrong.append(f"{requirement.name}: no lower bound ({text})")
        continue
    installed = version(requirement.name)
    if Version(installed) != Version(lowest[0]):
        wrong.append(f"{requirement.name}: declared >={lowest[0]}, but {installed} was installed")
    else:
        print(f"  {requirement.name} {installed}")
if wrong:
    print("The lowest run did not test the declared bounds:", *wrong, sep="\n  ", file=sys.stderr)
    sys.exit(1)
