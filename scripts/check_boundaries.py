#!/usr/bin/env python3
"""Two boundaries that ARCHITECTURE.md states, checked instead of trusted (part of scripts/test.sh).

1. Web APIs stay behind `src/browser/`: no Rust file of the app outside that folder names the
   crates web-sys, js-sys, gloo (and gloo-*) or wasm-bindgen-futures.
2. The corpus is data: no file under `src/`, `crates/` (outside the test fixtures and the tests
   that pin these papers' cleaning) or `e2e/` names an id of the corpus in `seeds/` (a paper,
   category or evidence item id, as a whole token).

    python3 scripts/check_boundaries.py [ROOT] [--seeds DIR]
    python3 scripts/check_boundaries.py --self-test     plants one violation of each kind in a
                                                        copy of the tree and expects both found

Prints every finding as `file:line: problem; expected` and exits 1 when there is one.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib

WEB_CRATES = re.compile(r"\b(web_sys|js_sys|gloo(?:_[a-z]+)?|wasm_bindgen_futures)\s*::")
# Files allowed to name the corpus: byte-for-byte copies of the papers and the tests that pin
# their cleaning (ARCHITECTURE.md, "Invariants").
ID_EXEMPT = (
    "crates/core/tests/fixtures/",
    "crates/core/tests/documents.rs",
    "crates/core/tests/real_corpus.rs",
)
SCANNED_EXT = (".rs", ".mjs", ".js", ".ts", ".css", ".html", ".toml", ".py", ".sh")


def corpus_ids(seeds):
    """Paper, category and evidence ids of the seeds directory."""
    ids = set()
    for name in sorted(os.listdir(seeds)):
        if name.endswith(".toml"):
            with open(os.path.join(seeds, name), "rb") as f:
                meta = tomllib.load(f)
            if isinstance(meta.get("id"), str):
                ids.add(meta["id"])
    book = os.path.join(seeds, "codebook")
    for name, table in (("categories.toml", "category"), ("evidence.toml", "evidence"), ("series.toml", "series")):
        path = os.path.join(book, name)
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            data = tomllib.load(f)
        for rec in data.get(table, []):
            if isinstance(rec.get("id"), str):
                ids.add(rec["id"])
    return ids


def files_under(root, top):
    base = os.path.join(root, top)
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = [d for d in dirnames if d not in ("target", "node_modules", "artifacts")]
        for fn in sorted(filenames):
            if fn.endswith(SCANNED_EXT):
                full = os.path.join(dirpath, fn)
                yield full, os.path.relpath(full, root).replace(os.sep, "/")


def check(root, seeds):
    problems = []
    for full, rel in files_under(root, "src"):
        if rel.startswith("src/browser/") or not rel.endswith(".rs"):
            continue
        with open(full, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                m = WEB_CRATES.search(line)
                if m:
                    problems.append(
                        f"{rel}:{n}: names {m.group(1)} outside src/browser/; "
                        "a function or handle type of src/browser/ instead"
                    )
    ids = corpus_ids(seeds)
    # An id as a whole token: not inside a longer identifier, slug or word.
    token = re.compile(
        r"(?<![A-Za-z0-9_-])(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")(?![A-Za-z0-9_-])"
    ) if ids else None
    for top in ("src", "crates", "e2e"):
        for full, rel in files_under(root, top):
            if token is None or rel.startswith(ID_EXEMPT):
                continue
            with open(full, encoding="utf-8", errors="replace") as f:
                for n, line in enumerate(f, 1):
                    for m in token.finditer(line):
                        # Plain English words that happen to be ids ("prospects") count only
                        # when they stand as a value: quoted, or after = / : / , in a link.
                        word = m.group(1)
                        if "-" not in word and not re.search(
                            r"[\"'`=:/,]" + re.escape(word) + r"(?![A-Za-z0-9_-])", line
                        ):
                            continue
                        problems.append(
                            f"{rel}:{n}: names the corpus id '{word}'; "
                            "ids read from the build (corpus-summary.json, evidence.csv) or a test fixture"
                        )
    return problems


def self_test(root):
    """Plants one violation of each kind in a copy of src/, crates/ and e2e/: both must be found."""
    ids = sorted(i for i in corpus_ids(os.path.join(root, "seeds")) if "-" in i)
    if not ids:
        print("check_boundaries: self-test needs a corpus with ids", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        for top in ("src", "e2e", "seeds"):
            shutil.copytree(os.path.join(root, top), os.path.join(tmp, top),
                            ignore=shutil.ignore_patterns("artifacts", "node_modules"))
        os.makedirs(os.path.join(tmp, "crates"))
        with open(os.path.join(tmp, "src", "planted.rs"), "w") as f:
            f.write("fn planted(e: web_sys::Event) {}\n")
        with open(os.path.join(tmp, "e2e", "planted.test.mjs"), "w") as f:
            f.write(f"const id = '{ids[0]}';\n")
        found = check(tmp, os.path.join(tmp, "seeds"))
    web = [p for p in found if p.startswith("src/planted.rs:1: names web_sys")]
    corpus = [p for p in found if p.startswith("e2e/planted.test.mjs:1: names the corpus id")]
    if web and corpus:
        print("check_boundaries: self-test ok (a planted web-sys use and a planted corpus id are both found)")
        return 0
    print(f"check_boundaries: self-test FAILED: web-sys found: {bool(web)}, corpus id found: {bool(corpus)}",
          file=sys.stderr)
    return 1


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if "--self-test" in argv:
        return self_test(root)
    args = [a for a in argv if not a.startswith("--")]
    seeds = os.environ.get("EXPLORER_SEEDS", "seeds")
    if "--seeds" in argv:
        seeds = argv[argv.index("--seeds") + 1]
        args = [a for a in args if a != seeds]
    if args:
        root = args[0]
    problems = check(root, os.path.join(root, seeds) if not os.path.isabs(seeds) else seeds)
    for p in problems:
        print(p)
    if problems:
        print(f"check_boundaries: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("check_boundaries: no web API outside src/browser/, no corpus id in src/, crates/ or e2e/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
