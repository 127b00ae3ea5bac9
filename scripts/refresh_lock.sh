#!/usr/bin/env bash
# Refresh requirements.lock: the exact versions CI and nbval run with.
# Resolves pyproject.toml's dependencies and [dev] extra ([test] and [notebooks], plus the
# maintainer's build tool) afresh in a throw-away virtual environment and records what was
# installed. Run after changing a dependency or to take upstream releases, then run the tests
# and commit the lock with them.
set -euo pipefail
cd "$(dirname "$0")/.."
env_dir="$(mktemp -d)"
trap 'rm -rf "$env_dir"' EXIT
python3 -m venv "$env_dir"
"$env_dir/bin/pip" install -q -e ".[dev]"
{
  echo "# Exact versions CI and nbval run with; refresh with scripts/refresh_lock.sh"
  echo "# (Python $("$env_dir/bin/python" -c 'import platform; print(platform.python_version())'), $(date -u +%Y-%m-%d))."
  "$env_dir/bin/pip" freeze --exclude-editable
} > requirements.lock
echo "wrote requirements.lock ($(grep -vc '^#' requirements.lock) packages)"
