#!/bin/sh
# The review gate, run with the base branch's own engine, so that a pull request cannot weaken the gate it is
# judged by. Run from the root of a checkout of the pull request, with the base branch's history fetched:
#
#   sh scripts/review.sh BASE [HEAD]        (make review BASE=origin/main)
#
# The pull-request workflow takes this very file from the base commit (git show BASE:scripts/review.sh), so
# the pull request's own copy is never run. It checks the base commit out into a temporary folder, installs
# that commit's engine, with that commit's pinned packages, into a virtual environment of its own, and runs
# `python -m annotate review` from it on this checkout, in isolated mode (-I: the checkout's files, which
# the pull request controls, are never on Python's path).
set -eu

base=${1:?usage: sh scripts/review.sh BASE [HEAD], with BASE the branch or commit the pull request is made against}
head=${2:-HEAD}
python=${PYTHON:-python3}
repository=$(pwd)
settings="$repository/annotate.yml"

if ! commit=$(git rev-parse --verify --quiet --end-of-options "$base^{commit}"); then
	echo "review: the base '$base' is not a commit of this clone; fetch it first (in a workflow, check out with fetch-depth: 0)" >&2
	exit 1
fi
if ! head_commit=$(git rev-parse --verify --quiet --end-of-options "$head^{commit}"); then
	echo "review: the head '$head' is not a commit of this clone" >&2
	exit 1
fi

work=$(mktemp -d)
cleanup() {
	git -C "$repository" worktree remove --force "$work/base" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

git worktree add --quiet --detach "$work/base" "$commit"
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$work/base/requirements.txt"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "$work/base/engine"
cd "$work"
"$work/venv/bin/python" -I -m annotate review --base "$commit" --head "$head_commit" "$settings"
