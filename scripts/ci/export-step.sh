#!/usr/bin/env bash
# The export step of .github/workflows/export.yml, kept in a file so that the
# tests run exactly what the workflow runs.
# Usage: export-step.sh <blog-dir> <summary-json-path>
# Env: EXPORT_ONLY (document id or slug), EXPORT_FORCE (non-empty to overwrite
# hand edits), EXPORT_SOURCE (default: live), EXPORT_VERIFY (default on: build
# the site with Hugo before committing; "off" skips it), SANITY_API_HOST and
# SANITY_ASSET_HOST (hosts other than Sanity's, for tests or a proxy), plus
# the exporter's own variables (HUGO names the Hugo to build with).
set -euo pipefail
blog="$1"
summary="$2"
args=(--source "${EXPORT_SOURCE:-live}" --blog "$blog" --commit --push --json)
if [[ -n "${EXPORT_ONLY:-}" ]]; then args+=(--only "$EXPORT_ONLY"); fi
if [[ -n "${EXPORT_FORCE:-}" ]]; then args+=(--force); fi
if [[ "${EXPORT_VERIFY:-on}" != off ]]; then args+=(--verify); fi
if [[ -n "${SANITY_API_HOST:-}" ]]; then args+=(--api-host "$SANITY_API_HOST"); fi
if [[ -n "${SANITY_ASSET_HOST:-}" ]]; then args+=(--asset-host "$SANITY_ASSET_HOST"); fi
# The exporter writes its JSON summary even when it fails, so the job summary
# can say what went wrong; the step fails with the exporter's exit code.
exec npm run --silent export -- "${args[@]}" >"$summary"
