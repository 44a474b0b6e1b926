#!/usr/bin/env bash
# Copy the README's screenshots from the browser tests' output (test-artifacts/screenshots/, written
# by `make test` when chromium is installed) to docs/screenshots/, which is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
shots=(home-nb calendar-en calendar-phone-en waiting-list-en newcomer-dashboard-en checklist-en info-nb
       hr-dashboard-en hr-board-en jobs-nb admin-events-en admin-language-tabs-en
       admin-mentor-suggestions-en newcomer-mentor-en housing-residence-en housing-admin-decide-en
       careers-home-en careers-pool-profile-en retention-dashboard-en appointments-mine-nb-phone
       municipality-en story-en yearly-report-en)
for name in "${shots[@]}"; do
  cp "test-artifacts/screenshots/$name.png" "docs/screenshots/$name.png"
done
echo "Copied ${#shots[@]} screenshots to docs/screenshots/."
