#!/usr/bin/env python3
"""The core's layering, checked instead of trusted (part of scripts/test.sh).

`crates/core/src` is laid out by layer: each top-level folder (or root module) may use the
layers before it in LAYERS, never one after, and no two modules import each other, directly or
round a longer loop. A folder's `mod.rs` and its own children count as one unit (a child may
use what its folder declares). Test code (`#[cfg(test)] mod ...`) is left out: a test may reach
any layer. `crate::Corpus` and the other names the crate root re-exports belong to `model`.

    python3 scripts/check_layers.py [CORE_SRC]
    python3 scripts/check_layers.py --self-test   plants an upward import and a cycle in a copy
                                                  of the sources and expects both found

Prints every finding as `file:line: problem; expected` and exits 1 when there is one.
"""
import os
import re
import shutil
import sys
import tempfile

# Bottom to top.
LAYERS = [
    "text",
    "model",
    "document",
    "state",
    "query",
    "link",
    "share",
    "workshop",
    "viewmodel",
    "seeds",
    "interop",
    "testkit",
]
SKIP = ("lib.rs", "bin/")


def blank_literals(src):
    """`src` with comments, strings and char literals replaced by spaces (newlines kept), so
    braces and paths are only code's."""
    out = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif c == "r" and re.match(r'r#*"', src[i:]) and not (i and (src[i - 1].isalnum() or src[i - 1] == "_")):
            hashes = re.match(r'r(#*)"', src[i:]).group(1)
            end = '"' + hashes
            j = src.find(end, i + 2 + len(hashes))
            j = n if j < 0 else j + len(end)
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif c == "'":
            m = re.match(r"'(\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|.)|[^\\'])'", src[i:])
            if m:
                out.append(" " * len(m.group(0)))
                i += len(m.group(0))
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def without_tests(code):
    """`code` (literals blanked) with every `#[cfg(test)] mod name { ... }` blanked."""
    for m in reversed(list(re.finditer(r"#\[cfg\(test\)\]\s*(pub(\([^)]*\))?\s+)?mod\s+\w+\s*\{", code))):
        depth, j = 0, m.end() - 1
        while j < len(code):
            if code[j] == "{":
                depth += 1
            elif code[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        code = code[: m.start()] + re.sub(r"[^\n]", " ", code[m.start() : j + 1]) + code[j + 1 :]
    return code


def module_of(rel):
    """`query/filter.rs` -> ("query", "filter"); `model/mod.rs` -> ("model",)."""
    parts = rel[:-3].split("/")
    if parts[-1] == "mod":
        parts = parts[:-1]
    return tuple(parts)


def crate_paths(code):
    """(line, [segments]) for every `crate::...` path, groups `crate::{a, b::c}` expanded."""
    for m in re.finditer(r"\bcrate::(\{[^}]*\}|[A-Za-z_][\w:]*)", code):
        line = code.count("\n", 0, m.start()) + 1
        body = m.group(1)
        items = body[1:-1].split(",") if body.startswith("{") else [body]
        for it in items:
            segs = [s for s in it.strip().split("::") if s and s != "self"]
            segs = [re.sub(r"\W.*", "", s) for s in segs]
            if segs and segs[0]:
                yield line, segs


def super_paths(code, me):
    """(line, [segments]) for every `super::...` path of module `me`, as crate paths."""
    for m in re.finditer(r"\bsuper::(\{[^}]*\}|[A-Za-z_][\w:]*)", code):
        line = code.count("\n", 0, m.start()) + 1
        body = m.group(1)
        items = body[1:-1].split(",") if body.startswith("{") else [body]
        for it in items:
            segs = [re.sub(r"\W.*", "", s) for s in it.strip().split("::") if s and s != "self"]
            if segs and segs[0] and len(me) > 1:
                yield line, list(me[:-1]) + segs


def layer_of(first):
    if first[:1].isupper():
        return "model"
    return first


def check(src_root):
    problems = []
    files = {}
    for dirpath, _, names in os.walk(src_root):
        for name in names:
            if name.endswith(".rs"):
                rel = os.path.relpath(os.path.join(dirpath, name), src_root).replace(os.sep, "/")
                if rel in SKIP or rel.startswith(SKIP[1]):
                    continue
                with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                    files[rel] = without_tests(blank_literals(f.read()))
    modules = {module_of(r): r for r in files}
    edges = {}  # module -> {module: (file, line)}
    for rel, code in sorted(files.items()):
        me = module_of(rel)
        layer = me[0]
        if layer not in LAYERS:
            problems.append(f"{rel}:1: module in no layer; expected one of {', '.join(LAYERS)} (scripts/check_layers.py)")
            continue
        for line, segs in list(crate_paths(code)) + list(super_paths(code, me)):
            other = layer_of(segs[0])
            if other in LAYERS and LAYERS.index(other) > LAYERS.index(layer):
                below = ", ".join(LAYERS[: LAYERS.index(layer)]) or "nothing"
                problems.append(
                    f"{rel}:{line}: {layer} imports {other} (`crate::{'::'.join(segs)}`), a higher layer; "
                    f"expected {layer} to use only itself and {below}"
                )
            if segs[0][:1].isupper():
                target = ("model",)
            else:
                target = None
                for k in range(len(segs), 0, -1):
                    if tuple(segs[:k]) in modules:
                        target = tuple(segs[:k])
                        break
            if target is None or target == me:
                continue
            # A folder's mod.rs and its direct children are one unit.
            if target == me[:-1] or me == target[:-1]:
                continue
            edges.setdefault(me, {}).setdefault(target, (rel, line))
    problems += cycles(edges)
    return problems


def cycles(edges):
    """Every loop of imports, as `file:line` of its first edge; Tarjan's strongly connected
    components, one finding per component."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, {})):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(set(edges) | {w for ws in edges.values() for w in ws}):
        if v not in index:
            visit(v)
    found = []
    for comp in out:
        names = ["::".join(m) for m in comp]
        a = comp[0]
        b = next(w for w in sorted(edges.get(a, {})) if w in comp)
        rel, line = edges[a][b]
        found.append(
            f"{rel}:{line}: import cycle between {', '.join(names)}; "
            f"expected no module to import one that imports it back (move the shared piece down a layer)"
        )
    return found


def self_test(src_root):
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "src")
        shutil.copytree(src_root, copy)
        base = check(copy)
        if base:
            print("self-test: the tree itself has findings:", *base, sep="\n  ")
            return False
        # An upward import: the text layer using the view state.
        with open(os.path.join(copy, "text", "suggest.rs"), "a", encoding="utf-8") as f:
            f.write("\npub fn planted() -> crate::state::ViewState { Default::default() }\n")
        # A cycle inside one layer: query::search <-> query::filter.
        with open(os.path.join(copy, "query", "search.rs"), "a", encoding="utf-8") as f:
            f.write("\npub fn planted_cycle() { let _ = crate::query::filter::FilterIndex::new; }\n")
        # Tests may reach anything: not a finding.
        with open(os.path.join(copy, "model", "order.rs"), "a", encoding="utf-8") as f:
            f.write('\n#[cfg(test)]\nmod planted_tests {\n    fn f() { let _ = "}"; let _ = crate::viewmodel::page_title; }\n}\n')
        found = check(copy)
        want = [
            ("text/suggest.rs:", "text imports state"),
            ("import cycle between", "query::filter, query::search"),
        ]
        for where, what in want:
            if not any(where in p and what in p for p in found):
                print(f"self-test: expected a finding with {where!r} and {what!r}; got:", *found, sep="\n  ")
                ok = False
        if any("model/order.rs" in p for p in found):
            print("self-test: a test module's import was reported:", *found, sep="\n  ")
            ok = False
        if len(found) != 2:
            print("self-test: expected exactly 2 findings; got:", *found, sep="\n  ")
            ok = False
    print("check_layers self-test: " + ("ok (an upward import and a cycle found)" if ok else "FAILED"))
    return ok


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "crates", "core", "src")
    args = [a for a in argv if a != "--self-test"]
    src = args[0] if args else default
    if "--self-test" in argv:
        return 0 if self_test(src) else 1
    problems = check(src)
    for p in problems:
        print(f"crates/core/src/{p}")
    if not problems:
        print(f"check_layers: ok ({' < '.join(LAYERS)})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
