#!/usr/bin/env bash
# Benchmark of a first visit, side by side with SurveyJS 2.5 showing the same questionnaire in French: bytes
# downloaded and time until a first control can be operated, in headless Chromium, unthrottled and on a slow mobile
# profile. RUNS=n sets the runs per side and profile (default 7).
# Also end2end/bench/interaction.bench.ts on the slow mobile profile: the step change time at 4x CPU (every Next of
# the assessment, RUNS assessments; as the browser times it, Event Timing, and broken down with performance marks),
# SurveyJS's page change timed the same way, the widget's Next against its floor (the same steps' markup shown by a
# class switch and a focus, no widget code; FLOOR_QUESTIONS=n cuts each step to n questions), and the map on
# demand (view="map" until the first country is painted and until the goal 4 filter has recoloured it, RUNS cold
# runs; bytes the map brought), each beside a baseline; RUNS defaults to 3 there.
# Arguments go to Playwright: `scripts/bench-load-time.sh interaction` runs only the latter, `load-time` the former.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/forus-widget.js ] || scripts/build-widget.sh
[ -x target/release/forus-endpoint ] || cargo build --release -p forus-endpoint
cd end2end
# SurveyJS is a pinned dev-dependency of end2end/ (package-lock.json), installed with the rest by scripts/setup.sh.
[ -d node_modules/survey-js-ui ] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
npx playwright test --config bench-load-time.config.ts --reporter=list "$@"
