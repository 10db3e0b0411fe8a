#!/usr/bin/env python3
"""Package-level dependency cycles of the compiled product classes (issue 10's figure).

Reads `jdeps -verbose:package` of target/classes (compile first: mvn -B -q -o compile), keeps the edges between
io.cameraservice packages and prints the strongly connected components, the mutual (two-package) cycles and every
elementary cycle, first for the packages themselves and then for the top-level packages (sub-packages folded into
their parent, as PackageDirectionsTest's slices see them). Needs only python3 and the JDK's jdeps.

Usage: scripts/package-cycles.py [classes-dir]
"""
import subprocess
import sys

ROOT = "io.cameraservice."


def edges(classes):
    out = subprocess.run(["jdeps", "-verbose:package", "-filter:none", classes],
                         capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1] == "->" and parts[0].startswith(ROOT) and parts[2].startswith(ROOT):
            yield parts[0][len(ROOT):], parts[2][len(ROOT):]


def elementary_cycles(graph):
    """Every cycle once, listed from its smallest package: a search from each package through larger ones only."""
    cycles = []
    for start in sorted(graph):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for succ in sorted(graph[node]):
                if succ == start:
                    cycles.append(path)
                elif succ > start and succ not in path:
                    stack.append((succ, path + [succ]))
    return sorted(cycles, key=lambda c: (len(c), c))


def report(title, pairs):
    graph = {}
    for a, b in pairs:
        if a != b:
            graph.setdefault(a, set()).add(b)
            graph.setdefault(b, set())
    cycles = elementary_cycles(graph)
    on_cycle = {}
    for c in cycles:  # packages on a common cycle are in one strongly connected component
        merged = set(c).union(*(on_cycle[p] for p in c if p in on_cycle))
        for p in merged:
            on_cycle[p] = merged
    components = sorted({tuple(sorted(c)) for c in on_cycle.values()})
    print(f"== {title}: {len(graph)} packages, {sum(len(s) for s in graph.values())} edges")
    print(f"strongly connected components: {len(components)}")
    for c in components:
        print("  " + " ".join(c))
    mutual = [c for c in cycles if len(c) == 2]
    print(f"mutual (two-package) cycles: {len(mutual)}")
    for c in mutual:
        print("  " + " <-> ".join(c))
    print(f"elementary cycles: {len(cycles)}")
    for c in cycles:
        print("  " + " -> ".join(c + [c[0]]))


def main():
    pairs = list(edges(sys.argv[1] if len(sys.argv) > 1 else "target/classes"))
    report("packages", pairs)
    report("top-level packages", [(a.split(".")[0], b.split(".")[0]) for a, b in pairs])


if __name__ == "__main__":
    main()
