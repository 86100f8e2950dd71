#!/usr/bin/env python3
"""Checks that the source files of src/ import each other without circles.

A file's imports are the `crate::…` paths it names outside comments and
its test module (`use crate::a::{b, c::D}`, `crate::a::f(…)` in code), each
taken to the deepest source file of that path (`crate::quiz::fence::X` is
src/quiz/fence.rs). A file may use its own parent modules (a folder's
mod.rs declares it): those links are not counted. Any circle is printed
with the file that closes each step, and the exit code is 1.

Hand-written rather than a crate: the graph needs only the `use` lines of
our own files, and a Rust parser would be compiled twice (see
check-same-deps.py). Run from anywhere: `python3 scripts/check-module-graph.py`.
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "src")


def modules():
    """Module path (`quiz::fence`) -> file."""
    found = {}
    for folder, _, names in os.walk(SRC):
        for name in names:
            if name.endswith(".rs"):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, SRC).replace(os.sep, "/")
                module = rel.removesuffix(".rs").removesuffix("/mod").replace("/", "::")
                found[module] = path
    return found


def code_of(path):
    """The file's text without its test module and its comment lines."""
    text = open(path, encoding="utf-8").read()
    text = re.split(r"#\[cfg\(test\)\]\s*mod tests", text)[0]
    return "\n".join(line for line in text.split("\n") if not line.strip().startswith("//"))


def expand(prefix, tree, paths):
    """`a::{b, c::{d, e}}` -> a::b, a::c::d, a::c::e."""
    tree = tree.strip()
    if tree.startswith("{") and tree.endswith("}"):
        depth, item, items = 0, "", []
        for ch in tree[1:-1]:
            depth += {"{": 1, "}": -1}.get(ch, 0)
            if ch == "," and depth == 0:
                items.append(item)
                item = ""
            else:
                item += ch
        items.append(item)
        for item in items:
            if item.strip():
                expand(prefix, item, paths)
        return
    brace = tree.find("::{")
    if brace >= 0:
        expand(prefix + tree[:brace] + "::", tree[brace + 2 :], paths)
    else:
        paths.append(prefix + tree.split(" as ")[0].strip())


def graph(found):
    edges = {}
    for module, path in found.items():
        if module in ("lib", "main"):
            continue
        code = code_of(path)
        paths = []
        for use in re.finditer(r"use crate::([^;]*);", code, re.S):
            expand("", use.group(1), paths)
        paths += re.findall(r"(?<!use )crate::((?:\w+::)*\w+)", code)
        for named in paths:
            parts = named.replace("::self", "").split("::")
            target = next(
                (
                    "::".join(parts[:k])
                    for k in range(len(parts), 0, -1)
                    if "::".join(parts[:k]) in found
                ),
                None,
            )
            if target and target != module and not module.startswith(target + "::"):
                edges.setdefault(module, set()).add(target)
    return edges


def circles(edges):
    """Strongly connected components of more than one file (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def main():
    found = modules()
    edges = graph(found)
    bad = circles(edges)
    if not bad:
        print(f"module graph: {len(found)} files, {sum(map(len, edges.values()))} imports, no circle")
        return 0
    for component in bad:
        print("these files import each other in a circle:")
        for a in component:
            for b in sorted(edges.get(a, ())):
                if b in component:
                    print(f"  src/{a.replace('::', '/')} -> {b}")
    print("move what both need into a module below them (see docs/architecture.md)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
