#!/usr/bin/env python3
"""Three rules that ARCHITECTURE.md states, checked instead of trusted (part of scripts/test.sh).

1. Web APIs stay behind `src/browser/`: no Rust file of the app outside that folder names the
   crates web-sys, js-sys, gloo (and gloo-*) or wasm-bindgen-futures.
2. The corpus is data: no file under `src/`, `crates/` (outside the test fixtures and the tests
   that pin these papers' cleaning) or `e2e/` names an id of the corpus in `seeds/` (a paper,
   category or evidence item id, as a whole token).
3. Components stay small: no Rust function under `src/` is longer than 120 lines, counted from
   its `fn` line to its matching closing brace (braces in strings, chars and comments ignored).

    python3 scripts/check_boundaries.py [ROOT] [--seeds DIR]
    python3 scripts/check_boundaries.py --self-test     plants one violation of each kind in a
                                                        copy of the tree and expects all found

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
MAX_FN_LINES = 120
FN_NAME = re.compile(r"\bfn\s+([A-Za-z_][A-Za-z0-9_]*)")
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


def code_only(text):
    """The Rust source with every comment, string and char literal blanked to spaces (newlines
    kept), so that braces and `fn` inside them do not count."""
    out = list(text)
    n = len(text)
    i = 0

    def blank(a, b):
        for k in range(a, min(b, n)):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        prev = text[i - 1] if i else ""
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            blank(i, j)
            i = j
        elif not (prev.isalnum() or prev == "_") and (m := re.match(r'(?:br|cr|r)(#*)"', text[i:i + 300])):
            close = '"' + m.group(1)
            j = text.find(close, i + m.end())
            j = n if j < 0 else j + len(close)
            blank(i, j)
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            blank(i, j + 1)
            i = j + 1
        elif c == "'":
            # A char literal ('x', '\n', '\u{7d}') or a lifetime ('a, left as it is).
            if text.startswith("\\", i + 1):
                j = text.find("'", i + 3)
                j = n if j < 0 else j + 1
                blank(i, j)
                i = j
            elif i + 2 < n and text[i + 2] == "'":
                blank(i, i + 3)
                i += 3
            else:
                i += 1
        else:
            i += 1
    return "".join(out)


def long_functions(text, limit=MAX_FN_LINES):
    """(line, name, lines) of every function with a body longer than `limit` lines."""
    code = code_only(text)
    found = []
    for m in FN_NAME.finditer(code):
        # The body starts at the first `{` outside parentheses and brackets; a `;` there first
        # is a declaration without a body (a trait method, an extern fn).
        depth, j = 0, m.end()
        while j < len(code):
            ch = code[j]
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth -= 1
            elif depth == 0 and ch in "{;":
                break
            j += 1
        if j >= len(code) or code[j] == ";":
            continue
        braces, k = 0, j
        while k < len(code):
            if code[k] == "{":
                braces += 1
            elif code[k] == "}":
                braces -= 1
                if braces == 0:
                    break
            k += 1
        first = code.count("\n", 0, m.start()) + 1
        last = code.count("\n", 0, k) + 1
        if last - first + 1 > limit:
            found.append((first, m.group(1), last - first + 1))
    return found


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
    for full, rel in files_under(root, "src"):
        if not rel.endswith(".rs"):
            continue
        with open(full, encoding="utf-8") as f:
            text = f.read()
        for line, name, length in long_functions(text):
            problems.append(
                f"{rel}:{line}: function {name} is {length} lines; at most {MAX_FN_LINES} "
                "(split it into smaller components or hooks)"
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
    """Plants one violation of each kind in a copy of src/, crates/ and e2e/: all must be found."""
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
        with open(os.path.join(tmp, "src", "planted_long.rs"), "w") as f:
            f.write(planted_functions())
        found = check(tmp, os.path.join(tmp, "seeds"))
    web = [p for p in found if p.startswith("src/planted.rs:1: names web_sys")]
    corpus = [p for p in found if p.startswith("e2e/planted.test.mjs:1: names the corpus id")]
    long = [p for p in found if p.startswith("src/planted_long.rs:")]
    long_ok = long == ["src/planted_long.rs:1: function planted_long is 130 lines; at most 120 "
                       "(split it into smaller components or hooks)"]
    if web and corpus and long_ok:
        print("check_boundaries: self-test ok (a planted web-sys use, a planted corpus id and a planted "
              "130-line function are found; braces in strings and comments and a 120-line function are not)")
        return 0
    print(f"check_boundaries: self-test FAILED: web-sys found: {bool(web)}, corpus id found: {bool(corpus)}, "
          f"long functions found: {long} (expected exactly planted_long, 130 lines)", file=sys.stderr)
    return 1


def planted_functions():
    """A 130-line function whose strings, chars and comments hold unbalanced braces (which must
    neither end it early nor run it on), then a 120-line function, which is allowed, and a
    trait method without a body."""
    confusers = [
        '    let a = "}}}";',
        "    let b = '}';",
        "    let c = '\\u{7d}';",
        '    let d = r#"}" } "#;',
        "    // }",
        "    /* } /* nested } */ } */",
        '    let e = "\\"}";',
        "    let f: &'static str = \"{\";",
        "    let g = b'{';",
    ]
    long_body = confusers + [f"    let _x{i} = {i};" for i in range(130 - 2 - len(confusers))]
    ok_body = [f"    let _y{i} = {i};" for i in range(120 - 2)]
    return "\n".join(
        ["fn planted_long() {", *long_body, "}",
         "fn planted_ok() {", *ok_body, "}",
         "trait Planted {", "    fn declared(&self);", "}", ""]
    )


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
