"""How long `designlint lsp` takes from a change to its diagnostics, over stdio.

    python bench/lsp_latency.py                  # 1,000 components, 30 changes (about 15 seconds)
    python bench/lsp_latency.py --quick          # 60 components, 5 changes: a smoke test (seconds)
    python bench/lsp_latency.py --components 5000 --changes 50 --debounce-ms 0

It starts the server as an editor does (`python -m designlint lsp`, with a
raw JSON-RPC client on the other end of its stdin and stdout), opens a
synthetic design (bench/generate.py, the same bytes every time), then sends
one incremental change at a time, the way an editor sends a keystroke (one
component's owner edited in place), and times each from the moment the
didChange is written to the moment the publishDiagnostics for that version
has been read whole. The time includes the server's debounce (its default
unless --debounce-ms says otherwise), the read, the lint and the JSON both ways.

It prints the median, p95, min and max over the changes, the server's
CPU time per change (where /proc gives it), the target
(300 ms for 1,000 components, issue 16) and whether the median and p95
meet it. Timings depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

TARGET_MS = 300.0


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-int(share * 100) * len(ordered) // 100))
    return ordered[rank - 1]


def _owner_edits(text: str, changes: int) -> list[tuple[int, int, int, str]]:
    """(line, start, end, new text) for `changes` edits, each of one component's `owner:` value."""
    lines = text.splitlines()
    owners = [i for i, line in enumerate(lines) if line.startswith("    owner: ")]
    out = []
    for n in range(changes):
        row = owners[(n * 7) % len(owners)]
        start = len("    owner: ")
        out.append((row, start, len(lines[row]), f"team-{n}"))
        lines[row] = lines[row][:start] + f"team-{n}"
    return out


class Connection:
    """The client end of a server's stdio: framed JSON-RPC messages written and read as bytes.

    A raw client, so that what is timed is the server and the pipe, not a client library's
    decoding of hundreds of diagnostics into objects (an editor's JSON parser is not timed either).
    """

    def __init__(self, command: list[str]):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, cwd=str(HERE.parent))
        self.next_id = 0

    def send(self, method: str, params, request: bool = False) -> int | None:
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()
        return message.get("id")

    def receive(self) -> dict:
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise EOFError("the server closed its stdout")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))

    def until(self, test) -> dict:
        while True:
            message = self.receive()
            if test(message):
                return message


def _cpu_ms(pid: int) -> float | None:
    """CPU time (user + system) a process has used, in ms; None where /proc is not there."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _published(version: int):
    return lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == version


def measure(components: int, changes: int, debounce_ms: int | None) -> tuple[list[float], list[float], int]:
    """Milliseconds from each didChange to its diagnostics, the server's CPU milliseconds for each
    (empty where /proc is not there), and how many diagnostics there were."""
    text = generate.design_text(components)
    server = Connection([sys.executable, "-m", "designlint", "lsp"])
    try:
        options = {"debounceMs": debounce_ms} if debounce_ms is not None else None
        first = server.send("initialize", {"processId": os.getpid(), "capabilities": {},
                                           "initializationOptions": options}, request=True)
        server.until(lambda m: m.get("id") == first)
        server.send("initialized", {})
        uri = (HERE / f"synthetic-{components}.yaml").as_uri()  # never written: the text is the editor's
        server.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                              "text": text}})
        count = len(server.until(_published(1))["params"]["diagnostics"])
        times, cpu = [], []
        for version, (row, start, end, new) in enumerate(_owner_edits(text, changes), start=2):
            change = {"range": {"start": {"line": row, "character": start}, "end": {"line": row, "character": end}},
                      "text": new}
            before = _cpu_ms(server.proc.pid)
            sent = time.perf_counter()
            server.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                   "contentChanges": [change]})
            server.until(_published(version))
            times.append((time.perf_counter() - sent) * 1000)
            after = _cpu_ms(server.proc.pid)
            if before is not None and after is not None:
                cpu.append(after - before)
        last = server.send("shutdown", None, request=True)
        server.until(lambda m: m.get("id") == last)
        server.send("exit", None)
        server.proc.wait(timeout=30)
        return times, cpu, count
    finally:
        if server.proc.poll() is None:
            server.proc.kill()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--components", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--debounce-ms", type=int, default=None, help="the server's debounce (default: its own)")
    parser.add_argument("--quick", action="store_true", help="60 components, 5 changes")
    args = parser.parse_args(argv)
    if args.quick:
        args.components, args.changes = 60, 5
    times, cpu, count = measure(args.components, args.changes, args.debounce_ms)
    median, p95 = statistics.median(times), percentile(times, 0.95)
    debounce = "the server's default" if args.debounce_ms is None else f"{args.debounce_ms} ms"
    print(f"didChange -> publishDiagnostics, {args.components} components, {len(times)} changes, "
          f"debounce {debounce}, {count} diagnostics each time, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"median {median:.0f} ms, p95 {p95:.0f} ms, min {min(times):.0f} ms, max {max(times):.0f} ms")
    if cpu:
        print(f"server CPU per change: median {statistics.median(cpu):.0f} ms (less sensitive to other load "
              f"than the wall-clock times; {1000 / os.sysconf('SC_CLK_TCK'):.0f} ms ticks)")
    met = "yes" if p95 <= TARGET_MS else "no"
    print(f"target: <= {TARGET_MS:.0f} ms (p95) for 1,000 components; met: {met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
