#!/usr/bin/env python3
"""Checks the translators' files before a build does: every file of model/locales/<lang>/ is valid TOML with exactly
the keys of its English file, no text is empty, and French follows French typography (non-breaking space before
; : ? ! » and after «, ’ rather than '). The build and `cargo test -p forus-model` check the same and more; this
gives translators the whole list at once, without Rust. Usage: scripts/check-questionnaire.py [model/locales]"""
import pathlib, re, sys, tomllib

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent.parent / "model/locales")
problems = []

def leaves(value, path=""):
    """Every text of a file as (key path, text)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from leaves(inner, f"{path}[{i}]")
    else:
        yield path, value

def load(path):
    try:
        return dict(leaves(tomllib.load(open(path, "rb"))))
    except Exception as e:
        problems.append(f"{path}: {e}")
        return None

for english_file in sorted((root / "en").glob("*.toml")):
    english = load(english_file)
    for lang_dir in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "en"):
        path = lang_dir / english_file.name
        if not path.exists():
            if english_file.name != "questionnaire-v1.toml":  # version 1 predates Portuguese
                problems.append(f"{path}: missing")
            continue
        texts = load(path)
        if english is None or texts is None:
            continue
        for key in english.keys() - texts.keys():
            problems.append(f"{path}: `{key}` is missing")
        for key in texts.keys() - english.keys():
            problems.append(f"{path}: `{key}` is not in the English file")
        for key, text in texts.items():
            if not str(text).strip():
                problems.append(f"{path}: `{key}` is empty")
            if lang_dir.name == "fr" and isinstance(text, str):
                if re.search(r"(^|[^\u00a0\u202f{])[;:?!»]", text) or re.search(r"«[^\u00a0\u202f]", text):
                    problems.append(f"{path}: `{key}`: French needs a non-breaking space before ; : ? ! » and after «")
                if "'" in text:
                    problems.append(f"{path}: `{key}`: French uses ’ not '")

print("\n".join(problems) or f"{root}: every language has every text")
sys.exit(1 if problems else 0)
