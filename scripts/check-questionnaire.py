#!/usr/bin/env python3
"""Checks questionnaire fragments for translators: valid TOML, every text in en/fr/es/pt, four levels per scale,
next steps for each level, unique ids, French typography. Usage: scripts/check-questionnaire.py FILE..."""
import sys, tomllib, re

LANGS = ["en", "fr", "es", "pt"]
ORG_TYPES = {"platform", "regional_coalition", "ngo", "ingo", "cbo", "informal", "faith_based", "union",
             "professional", "research", "foundation", "other"}
problems = []

def text(where, t, extra_keys=()):
    if not isinstance(t, dict):
        problems.append(f"{where}: not a text table"); return
    for l in LANGS:
        if not str(t.get(l, "")).strip():
            problems.append(f"{where}: missing {l}")
    unknown = set(t) - set(LANGS) - set(extra_keys)
    if unknown:
        problems.append(f"{where}: unknown keys {unknown}")
    fr = t.get("fr", "")
    if re.search(r"(^|[^\u00a0\u202f])[;:?!»]", fr) or re.search(r"«[^\u00a0\u202f]", fr):
        problems.append(f"{where}: French needs a non-breaking space before ; : ? ! » and after «")
    if "'" in fr:
        problems.append(f"{where}: French uses ’ not '")

def types(where, lst):
    for t in lst:
        if t not in ORG_TYPES:
            problems.append(f"{where}: unknown organisation type {t}")

ids = set()
for path in sys.argv[1:]:
    try:
        doc = tomllib.load(open(path, "rb"))
    except Exception as e:
        problems.append(f"{path}: {e}"); continue
    for key in ("title", "intro", "answering_rule"):
        if key in doc: text(f"{path}:{key}", doc[key])
    for s in doc.get("section", []):
        sid = s.get("id"); where = f"{path}:{sid}"
        text(f"{where}.title", s.get("title"))
        if "intro" in s: text(f"{where}.intro", s["intro"])
        qs = s.get("question", [])
        if s.get("kind") == "dimension" and not 4 <= len(qs) <= 6:
            problems.append(f"{where}: a dimension has 4 to 6 questions")
        for q in qs:
            qid = q.get("id"); w = f"{where}.{qid}"
            if qid in ids: problems.append(f"{w}: duplicate id")
            ids.add(qid)
            text(f"{w}.label", q.get("label"))
            if "help" in q: text(f"{w}.help", q["help"])
            if "unit" in q: text(f"{w}.unit", q["unit"])
            if "show_when" in q and q["show_when"].get("question") == "org_type":
                types(f"{w}.show_when", q["show_when"]["any_of"])
            for o in q.get("options", []):
                text(f"{w}.{o.get('id')}", o.get("label"))
            if q.get("type") == "scale":
                if s.get("kind") != "dimension": problems.append(f"{w}: scales belong in dimensions")
                levels = q.get("levels", [])
                if len(levels) != 4: problems.append(f"{w}: four levels")
                for i, l in enumerate(levels): text(f"{w}.levels[{i}]", l)
                steps = q.get("next_steps", [])
                if len(steps) != 4: problems.append(f"{w}: next_steps has one list per level (4)")
                for i, lst in enumerate(steps):
                    if not lst: problems.append(f"{w}.next_steps[{i}]: empty")
                    for j, step in enumerate(lst):
                        text(f"{w}.next_steps[{i}][{j}]", step, ("only_for", "not_for"))
                        types(f"{w}.next_steps[{i}][{j}]", step.get("only_for", []) + step.get("not_for", []))
for p in problems: print(p)
print(f"{len(ids)} questions, {len(problems)} problems")
sys.exit(1 if problems else 0)
