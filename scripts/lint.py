#!/usr/bin/env python3
"""clang-tidy with the project's .clang-tidy over every C++ source of libs/,
services/, cli/ and bench/, using the compile commands of a built preset.

Every finding is an error (WarningsAsErrors in .clang-tidy): exits 1 if any.
A file that was clean is remembered under $VERKOSTO_TIDY_CACHE (default
~/.cache/verkosto-tidy), keyed by a hash of clang-tidy's version, .clang-tidy,
the compile command and the content of every file the translation unit
includes (ninja's dependency log), so an unchanged file is not linted again.

  scripts/lint.py [--build DIR] [--no-cache] [FILE...]
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def project_sources():
    out = subprocess.run(
        ["git", "ls-files", "libs/*.cpp", "services/*.cpp", "cli/*.cpp", "bench/*.cpp"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line]


def ninja_deps(build):
    """Output file (relative to build) -> the files it was compiled from."""
    text = subprocess.run(["ninja", "-C", build, "-t", "deps"], check=True,
                          capture_output=True, text=True).stdout
    deps, current = {}, None
    for line in text.splitlines():
        if not line.startswith(" ") and line.strip():
            current = line.split(":", 1)[0]
            deps[current] = []
        elif line.strip() and current is not None:
            deps[current].append(line.strip())
    return deps


class Hasher:
    def __init__(self):
        self.cache = {}

    def file(self, path):
        if path not in self.cache:
            try:
                with open(path, "rb") as f:
                    self.cache[path] = hashlib.sha256(f.read()).hexdigest()
            except OSError:
                self.cache[path] = "missing"
        return self.cache[path]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build", "test"))
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    db_path = os.path.join(build, "compile_commands.json")
    if not os.path.exists(db_path):
        print(f"lint: no {db_path}; configure and build a preset first", file=sys.stderr)
        return 2
    with open(db_path) as f:
        commands = {os.path.relpath(e["file"], ROOT): e for e in json.load(f)}
    files = [os.path.relpath(os.path.abspath(p), ROOT) for p in args.files] or project_sources()
    missing = [p for p in files if p not in commands]
    if missing:
        print("lint: not in the compile commands: " + " ".join(missing), file=sys.stderr)
        return 2

    cache_dir = os.environ.get("VERKOSTO_TIDY_CACHE",
                               os.path.expanduser("~/.cache/verkosto-tidy"))
    os.makedirs(cache_dir, exist_ok=True)
    version = subprocess.run(["clang-tidy", "--version"], check=True, capture_output=True,
                             text=True).stdout
    with open(os.path.join(ROOT, ".clang-tidy"), "rb") as f:
        config = f.read()
    deps = ninja_deps(build)
    hasher = Hasher()

    def key(path):
        entry = commands[path]
        argv = shlex.split(entry["command"])
        output = argv[argv.index("-o") + 1] if "-o" in argv else None
        if output is None or output not in deps:
            return None  # never built: no dependency list, always lint
        h = hashlib.sha256()
        h.update(version.encode())
        h.update(config)
        # Paths relative to the checkout, so another clone shares the cache.
        h.update(entry["command"].replace(ROOT, ".").encode())
        for dep in sorted(deps[output]):
            full = os.path.normpath(os.path.join(entry["directory"], dep))
            h.update(os.path.relpath(full, ROOT).encode() if full.startswith(ROOT) else full.encode())
            h.update(hasher.file(full).encode())
        return h.hexdigest()

    todo, skipped = [], 0
    for path in files:
        k = None if args.no_cache else key(path)
        if k is not None and os.path.exists(os.path.join(cache_dir, k)):
            skipped += 1
        else:
            todo.append((path, k))
    print(f"lint: clang-tidy on {len(todo)} of {len(files)} files "
          f"({skipped} unchanged since a clean run)", flush=True)

    def run(item):
        path, k = item
        proc = subprocess.run(
            ["clang-tidy", "-p", build, "--quiet",
             # GCC's warning flags in the compile commands mean nothing to clang.
             "--extra-arg=-Wno-unknown-warning-option", os.path.join(ROOT, path)],
            capture_output=True, text=True)
        report = proc.stdout + "\n".join(
            line for line in proc.stderr.splitlines()
            if not re.match(r"^\d+ (warning|error)s? (and \d+ (warning|error)s? )?generated", line)
            and "Suppressed" not in line and "Use -header-filter" not in line
            and "Use -system-headers" not in line)
        clean = proc.returncode == 0 and "warning:" not in proc.stdout and "error:" not in proc.stdout
        if clean and k is not None:
            open(os.path.join(cache_dir, k), "w").close()
        return path, clean, report.strip()

    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for path, clean, report in pool.map(run, todo):
            if not clean:
                failed.append(path)
                print(report, flush=True)
    if failed:
        print(f"lint: clang-tidy found problems in {len(failed)} files: " + " ".join(failed),
              file=sys.stderr)
        return 1
    print("lint: clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
