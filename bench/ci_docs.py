"""How long `check` takes on a docs folder of Markdown designs, and what each CI format adds.

    python bench/ci_docs.py [--files 200] [--designs 3] [--repeat 3]

Writes a temporary docs tree (each file: prose, then designs in fences inside
lists and quotes, plus non-design YAML blocks), then times, best of --repeat:
the folder search, linting, and each output format. Prints one line per step.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from designlint.loading import files as discover  # noqa: E402
from designlint.findings.run import lint_paths  # noqa: E402
from designlint.report import formatter  # noqa: E402

DESIGN = """designlint: 1
system: sys-{n}
components:
  chat: {{kind: interface, owner: web, error_budget: {{availability: 99.9%}}}}
  agent_{n}:
    kind: agent
    owner: ai
    fallback: staff
    actions:
      - {{name: refund, reversible: false}}
  llm: {{kind: model, owner: ml, fallback: staff}}
  staff: {{kind: human, owner: support, sla: 4h}}
flows:
  - chat -> agent_{n} -> llm
  - {{from: staff, to: llm, kind: feedback}}
"""


def _doc(index: int, designs: int) -> str:
    parts = [f"# Document {index}\n\nSome prose about the system.\n\n```yaml\nname: not a design\n```\n"]
    for d in range(designs):
        body = DESIGN.format(n=f"{index}_{d}")
        if d % 2:
            fence = "".join("> " + line + "\n" for line in ["~~~yaml", *body.splitlines(), "~~~"])
        else:
            fence = "".join("   " + line + "\n" for line in ["```designlint", *body.splitlines(), "```"])
            fence = f"{d + 1}. A design in a list:\n\n" + fence
        parts.append(fence + "\nMore prose.\n")
    return "\n".join(parts)


def _best(fn, repeat: int):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--designs", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docs = os.path.join(tmp, "docs")
        for i in range(args.files):
            folder = os.path.join(docs, f"area{i % 10}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"doc{i}.md"), "w", encoding="utf-8") as fh:
                fh.write(_doc(i, args.designs))
        seconds, files = _best(lambda: discover.expand([docs]), args.repeat)
        print(f"search   {len(files)} files: {seconds * 1000:.0f} ms")
        seconds, report = _best(lambda: lint_paths([docs]), args.repeat)
        print(f"check    {len(report.designs)} designs, {len(report.findings)} findings: {seconds * 1000:.0f} ms "
              f"({seconds / max(len(report.designs), 1) * 1e6:.0f} us a design, search included)")
        for name in ("text", "json", "sarif", "github", "junit"):
            seconds, out = _best(lambda: formatter(name)(report), args.repeat)
            print(f"{name:<8} {len(out) // 1024} KiB: {seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()
