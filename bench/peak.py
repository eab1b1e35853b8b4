"""Run a command and write its seconds and peak resident memory to a file: `python -S bench/peak.py OUT CMD…`.

Linux keeps the larger of a process's peak before and after exec, and a child made by fork or vfork starts from
its parent's, so a command started by the benchmark's own process (~200 MB once it has generated its projects)
reads as at least that large. Started from this small process instead (under 10 MB), it reads as its own peak and
that of the workers it waited for. Kept free of imports beyond os, sys and time, so that floor stays low.
"""

import os
import sys
import time


def main(argv: list[str]) -> int:
    out, command = argv[0], argv[1:]
    start = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    with open(out, "w", encoding="ascii") as handle:
        handle.write(f"{seconds} {usage.ru_maxrss}\n")
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
