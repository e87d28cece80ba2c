#!/usr/bin/env bash
# The logic of this repository's GitHub Action (action.yml): check, SARIF, step summary, and on a
# pull request the diff against its base branch. Read by the suite (tests/cli/test_action.py) with
# the variables the runner sets, so that everything the action runs is tested.
#
# Inputs (environment, as action.yml passes them):
#   INPUT_PATHS      paths to check, separated by spaces or newlines          (default: .)
#   INPUT_FAIL_ON    error | warning | info                                    (default: error)
#   INPUT_CONFIG     a config file; empty: found as usual
#   INPUT_SARIF      where to write the SARIF file; empty: none                 (default: designlint.sarif)
#   INPUT_SUMMARY    true: Markdown summary into $GITHUB_STEP_SUMMARY           (default: true)
#   INPUT_DIFF       true: on pull_request, `designlint diff --git origin/BASE`  (default: true)
#   INPUT_GATE       what fails the step: check, diff, or auto (diff's verdict on a pull request
#                    when the diff runs, check's otherwise)                     (default: auto)
# The runner's variables: GITHUB_EVENT_NAME, GITHUB_BASE_REF, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT.
# Outputs (into $GITHUB_OUTPUT): exit-code (check's), diff-exit-code (when the diff ran), sarif.
# Exit status: the gate's exit code (0, 1), or 2 when any step could not read its input.
set -uo pipefail

read -r -d '' -a paths <<< "${INPUT_PATHS:-.}"
if [ "${#paths[@]}" -eq 0 ]; then paths=(.); fi
fail_on="${INPUT_FAIL_ON:-error}"
options=(--fail-on "$fail_on")
if [ -n "${INPUT_CONFIG:-}" ]; then options+=(--config "$INPUT_CONFIG"); fi
sarif="${INPUT_SARIF-designlint.sarif}"
summary="${INPUT_SUMMARY:-true}"
gate="${INPUT_GATE:-auto}"
output="${GITHUB_OUTPUT:-/dev/null}"
worst=0

note() { if [ "$1" -gt "$worst" ]; then worst="$1"; fi; }

# 1. Annotations on the changed lines, and check's verdict.
designlint check --format github "${options[@]}" -- "${paths[@]}"
check_status=$?
echo "exit-code=$check_status" >> "$output"
if [ "$check_status" -ge 2 ]; then note 2; fi

# 2. SARIF for code scanning (the verdict is step 1's).
if [ -n "$sarif" ]; then
  designlint check --format sarif --exit-zero --output-file "$sarif" "${options[@]}" -- "${paths[@]}"
  note $(( $? >= 2 ? 2 : 0 ))
  echo "sarif=$sarif" >> "$output"
fi

# 3. The findings as Markdown on the run's summary page.
if [ "$summary" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  designlint check --format markdown --exit-zero "${options[@]}" -- "${paths[@]}" >> "$GITHUB_STEP_SUMMARY"
fi

# 4. On a pull request: what the change does, against the base branch.
diff_status=""
event="${GITHUB_EVENT_NAME:-}"
if [ "${INPUT_DIFF:-true}" = "true" ] && { [ "$event" = pull_request ] || [ "$event" = pull_request_target ]; } \
    && [ -n "${GITHUB_BASE_REF:-}" ]; then
  base="origin/$GITHUB_BASE_REF"
  if ! git fetch --quiet --no-tags --depth=1 origin "+refs/heads/$GITHUB_BASE_REF:refs/remotes/$base"; then
    echo "designlint: error: could not fetch the base branch $GITHUB_BASE_REF from origin" >&2
    note 2
  else
    designlint diff --git "$base" --format github "${options[@]}" -- "${paths[@]}"
    diff_status=$?
    echo "diff-exit-code=$diff_status" >> "$output"
    if [ "$diff_status" -ge 2 ]; then note 2; fi
    if [ "$summary" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
      echo >> "$GITHUB_STEP_SUMMARY"  # a blank line ends check's table
      designlint diff --git "$base" --format markdown --exit-zero "${options[@]}" -- "${paths[@]}" \
        >> "$GITHUB_STEP_SUMMARY"
    fi
  fi
fi

if [ "$worst" -ge 2 ]; then exit 2; fi
case "$gate" in
  check) exit "$check_status" ;;
  diff) exit "${diff_status:-0}" ;;
  *) exit "${diff_status:-$check_status}" ;;
esac
