"""Run a command and print its peak resident memory (the child's maximum RSS) as JSON."""

import json
import resource
import subprocess
import sys


def main() -> None:
    command = sys.argv[sys.argv.index("--") + 1 :]
    completed = subprocess.run(command)
    if completed.returncode != 0:
        raise SystemExit(completed.returncode)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"peak_rss_mb": round(peak_kb / 1024, 1)}))


if __name__ == "__main__":
    main()
