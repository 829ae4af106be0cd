#!/usr/bin/env python3
"""Regenerates countries.json and sdgs.json from a copy of the reference data (the folder given as argument,
holding country-names/, m49/ and sdg/ as described in NOTICE).

The project builds from the generated files (committed); this script documents how they were made.
Sources and licences: see NOTICE beside this file.
"""
import csv, json, os, sys, yaml

if len(sys.argv) != 2:
    sys.exit("usage: generate.py <folder with country-names/, m49/ and sdg/>")
SRC = sys.argv[1]
OUT = os.path.dirname(os.path.abspath(__file__))
LANGS = ["en", "fr", "es"]

# Where i18n-iso-countries offers several names, the one people use in the network.
PREFERRED = {
    "en": {"CN": "China", "CG": "Congo", "CD": "Democratic Republic of the Congo", "CI": "Côte d'Ivoire",
           "CZ": "Czechia", "KR": "South Korea", "KP": "North Korea", "US": "United States",
           "GB": "United Kingdom", "RU": "Russia", "SY": "Syria", "TW": "Taiwan", "VN": "Viet Nam",
           "LA": "Laos", "MK": "North Macedonia", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania",
           "IR": "Iran", "MD": "Moldova", "FM": "Micronesia", "PS": "Palestine", "VA": "Holy See",
           "CV": "Cabo Verde", "SZ": "Eswatini", "TL": "Timor-Leste"},
    "es": {"IR": "Irán"},
}
# League of Arab States: Forus works with an Arab regional coalition (ANND), so these form their own region.
ARAB = set("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE".split())


def forus_region(a2, m49_region):
    if a2 in ARAB:
        return "arab"
    return {"Africa": "africa", "Americas": "americas", "Asia": "asia_pacific", "Oceania": "asia_pacific",
            "Europe": "europe"}.get(m49_region)


def name(lang, a2, names):
    v = names[a2]
    if lang in PREFERRED and a2 in PREFERRED[lang]:
        return PREFERRED[lang][a2]
    return v[0] if isinstance(v, list) else v


names = {l: json.load(open(f"{SRC}/country-names/{l}.json"))["countries"] for l in LANGS}
countries = []
with open(f"{SRC}/m49/all.csv", newline="") as f:
    for row in csv.DictReader(f):
        a2 = row["alpha-2"]
        region = forus_region(a2, row["region"])
        if region is None or a2 not in names["en"]:
            continue  # Antarctica and the like: no organisations to place
        countries.append({
            "code": a2,
            "numeric": row["country-code"],
            "region": region,
            "name": {l: name(l, a2, names[l]) for l in LANGS},
        })
countries.sort(key=lambda c: c["code"])
json.dump(countries, open(f"{OUT}/countries.json", "w"), ensure_ascii=False, indent=0)

COLOURS = "E5243B DDA63A 4C9F38 C5192D FF3A21 26BDE2 FCC30B A21942 FD6925 DD1367 FD9D24 BF8B2E 3F7E44 0A97D9 56C02B 00689D 19486A".split()
# Typos in the source translations (see shared/data/README.md), and Spanish capitalisation made consistent.
FIX = {
    ("fr", 2): "Faim « zéro »",
    ("fr", 7): "Énergie propre et d'un coût abordable",
    ("fr", 8): "Travail décent et croissance économique",
    ("fr", 13): "Lutte contre les changements climatiques",
    ("es", 16): "Paz, justicia e instituciones sólidas",
}
goals = {l: yaml.safe_load(open(f"{SRC}/sdg/{l}/global_goals.yml")) for l in LANGS}
sdgs = []
for n in range(1, 18):
    short = {}
    for l in LANGS:
        s = FIX.get((l, n), str(goals[l][f"{n}-short"]).strip())
        if l == "es":
            s = s[0].upper() + s[1:].lower()
        short[l] = s
    sdgs.append({"number": n, "colour": "#" + COLOURS[n - 1], "short": short,
                 "title": {l: " ".join(str(goals[l][f"{n}-title"]).split()) for l in LANGS}})
json.dump(sdgs, open(f"{OUT}/sdgs.json", "w"), ensure_ascii=False, indent=0)
print(len(countries), "countries,", len(sdgs), "goals")
