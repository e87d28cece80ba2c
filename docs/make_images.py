"""Draw the README's example diagram from an example design: python docs/make_images.py

Writes docs/example.svg (travel-booking-agent, the weak example) with the same
code path as `designlint render`, so the picture in the README is never drawn
by hand and never drifts from what the tool does.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "travel-booking-agent.yaml"
TARGET = ROOT / "docs" / "example.svg"


def main() -> int:
    from designlint.cli import main as cli

    try:
        cli(["render", str(EXAMPLE.relative_to(ROOT)), "-o", str(TARGET.relative_to(ROOT))])
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    import os

    os.chdir(ROOT)
    sys.exit(main())
