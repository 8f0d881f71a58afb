"""``python -m codegen`` writes kaonlib/_kernels; ``python -m codegen --check`` verifies them (exit 1 if stale)."""

import argparse
import sys
from pathlib import Path

from .render import render_all, stale_files


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare instead of writing; exit 1 if stale")
    parser.add_argument("--root", default=".", help="project root (default: the current directory)")
    args = parser.parse_args(argv)
    files = render_all()
    if args.check:
        problems = stale_files(args.root, files)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("generated kernels are stale: run `python -m codegen`", file=sys.stderr)
            return 1
        print(f"{len(files)} generated files match their models")
        return 0
    for path, text in files.items():
        target = Path(args.root) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
