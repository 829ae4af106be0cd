#!/usr/bin/env python3
"""Regenerates countries.json, m49.json and sdgs.json from a copy of the reference data (the folder given as
argument, holding country-names/, m49/ and sdg/ as described in NOTICE) and from sdg-pt.toml beside this file
(the goals' Portuguese titles, which that folder lacks).

The project builds from the generated files (committed); this script documents how they were made.
Sources and licences: see NOTICE beside this file.
"""
import csv, json, os, sys, tomllib, yaml

if len(sys.argv) != 2:
    sys.exit("usage: generate.py <folder with country-names/, m49/ and sdg/>")
SRC = sys.argv[1]
OUT = os.path.dirname(os.path.abspath(__file__))
LANGS = ["en", "fr", "es", "pt"]

# Where i18n-iso-countries offers several names, the one people use in the network.
PREFERRED = {
    "en": {"CN": "China", "CG": "Congo", "CD": "Democratic Republic of the Congo", "CI": "Côte d'Ivoire",
           "CZ": "Czechia", "KR": "South Korea", "KP": "North Korea", "US": "United States",
           "GB": "United Kingdom", "RU": "Russia", "SY": "Syria", "TW": "Taiwan", "VN": "Viet Nam",
           "LA": "Laos", "MK": "North Macedonia", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania",
           "IR": "Iran", "MD": "Moldova", "FM": "Micronesia", "PS": "Palestine", "VA": "Holy See",
           "CV": "Cabo Verde", "SZ": "Eswatini", "TL": "Timor-Leste"},
    "fr": {"CI": "Côte d’Ivoire"},
    "es": {"IR": "Irán"},
    "pt": {"CV": "Cabo Verde", "ST": "São Tomé e Príncipe", "GW": "Guiné-Bissau", "CD": "República Democrática do Congo",
           "CG": "Congo", "US": "Estados Unidos", "GB": "Reino Unido", "RU": "Rússia", "KR": "Coreia do Sul",
           "KP": "Coreia do Norte", "VN": "Vietnã", "IR": "Irã", "SY": "Síria", "BO": "Bolívia", "VE": "Venezuela",
           "TZ": "Tanzânia", "MD": "Moldávia", "PS": "Palestina", "VA": "Santa Sé", "TL": "Timor-Leste",
           "CZ": "Tchéquia", "MK": "Macedônia do Norte", "SZ": "Essuatíni", "LA": "Laos"},
}
# UN M49 region names (English, French and Spanish as the UN Statistics Division publishes them; Portuguese
# as used by the UN Information Centre in Rio / common usage).
M49_NAMES = {
    "002": ("Africa", "Afrique", "África", "África"),
    "019": ("Americas", "Amériques", "Américas", "Américas"),
    "142": ("Asia", "Asie", "Asia", "Ásia"),
    "150": ("Europe", "Europe", "Europa", "Europa"),
    "009": ("Oceania", "Océanie", "Oceanía", "Oceania"),
    "015": ("Northern Africa", "Afrique du Nord", "África septentrional", "Norte de África"),
    "011": ("Western Africa", "Afrique de l’Ouest", "África occidental", "África Ocidental"),
    "014": ("Eastern Africa", "Afrique de l’Est", "África oriental", "África Oriental"),
    "017": ("Middle Africa", "Afrique centrale", "África central", "África Central"),
    "018": ("Southern Africa", "Afrique australe", "África meridional", "África Austral"),
    "053": ("Australia and New Zealand", "Australie et Nouvelle-Zélande", "Australia y Nueva Zelandia", "Austrália e Nova Zelândia"),
    "054": ("Melanesia", "Mélanésie", "Melanesia", "Melanésia"),
    "057": ("Micronesia", "Micronésie", "Micronesia", "Micronésia"),
    "061": ("Polynesia", "Polynésie", "Polinesia", "Polinésia"),
    "021": ("Northern America", "Amérique septentrionale", "América septentrional", "América do Norte"),
    "005": ("South America", "Amérique du Sud", "América del Sur", "América do Sul"),
    "013": ("Central America", "Amérique centrale", "Centroamérica", "América Central"),
    "029": ("Caribbean", "Caraïbes", "Caribe", "Caribe"),
    "030": ("Eastern Asia", "Asie de l’Est", "Asia oriental", "Ásia Oriental"),
    "034": ("Southern Asia", "Asie du Sud", "Asia meridional", "Ásia Meridional"),
    "035": ("South-eastern Asia", "Asie du Sud-Est", "Asia sudoriental", "Sudeste Asiático"),
    "143": ("Central Asia", "Asie centrale", "Asia central", "Ásia Central"),
    "145": ("Western Asia", "Asie occidentale", "Asia occidental", "Ásia Ocidental"),
    "039": ("Southern Europe", "Europe du Sud", "Europa meridional", "Europa Meridional"),
    "151": ("Eastern Europe", "Europe de l’Est", "Europa oriental", "Europa Oriental"),
    "154": ("Northern Europe", "Europe du Nord", "Europa septentrional", "Europa Setentrional"),
    "155": ("Western Europe", "Europe de l’Ouest", "Europa occidental", "Europa Ocidental"),
}


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
        if not row["region-code"] or a2 not in names["en"]:
            continue  # Antarctica and the like: no organisations to place
        countries.append({
            "code": a2,
            "numeric": row["country-code"],
            # UN M49: the continent, and the finest grouping under it (intermediate region, else sub-region)
            "m49_region": row["region-code"],
            "m49_area": row["intermediate-region-code"] or row["sub-region-code"],
            "name": {l: name(l, a2, names[l]) for l in LANGS},
        })
countries.sort(key=lambda c: c["code"])
json.dump(countries, open(f"{OUT}/countries.json", "w"), ensure_ascii=False, indent=0)
used = {c["m49_region"] for c in countries} | {c["m49_area"] for c in countries}
assert used <= set(M49_NAMES), used - set(M49_NAMES)
json.dump([{"code": code, "name": dict(zip(LANGS, M49_NAMES[code]))} for code in sorted(used)],
          open(f"{OUT}/m49.json", "w"), ensure_ascii=False, indent=0)

COLOURS = "E5243B DDA63A 4C9F38 C5192D FF3A21 26BDE2 FCC30B A21942 FD6925 DD1367 FD9D24 BF8B2E 3F7E44 0A97D9 56C02B 00689D 19486A".split()
# Typos in the source translations (see shared/data/README.md), and Spanish capitalisation made consistent.
FIX = {
    ("fr", 2): "Faim « zéro »",
    ("fr", 7): "Énergie propre et d’un coût abordable",
    ("fr", 8): "Travail décent et croissance économique",
    ("fr", 13): "Lutte contre les changements climatiques",
    ("es", 16): "Paz, justicia e instituciones sólidas",
}
goals = {l: yaml.safe_load(open(f"{SRC}/sdg/{l}/global_goals.yml")) for l in LANGS if l != "pt"}
goals["pt"] = {}
for goal in tomllib.load(open(f"{OUT}/sdg-pt.toml", "rb"))["goal"]:
    goals["pt"][f"{goal['number']}-short"] = goal["short"]
    goals["pt"][f"{goal['number']}-title"] = goal["title"]
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
print(len(countries), "countries,", len(used), "M49 regions,", len(sdgs), "goals")
