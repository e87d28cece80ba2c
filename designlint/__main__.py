try:
    from designlint.entry import run
except KeyboardInterrupt:  # pragma: no cover - an interrupt in the first milliseconds
    import os
    import sys

    sys.stderr.write("designlint: interrupted\n")
    os._exit(130)

run(prog_name="designlint")
