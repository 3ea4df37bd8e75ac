# Sourced by scripts/run.sh and scripts/test.sh: create (once) and activate the project's virtual environment
# in .venv, with a supported Python (3.11, 3.12 or 3.13), and install the project into it when pyproject.toml
# changed since the last install. Never touches the system Python (PEP 668 safe), works as root and as a user.
#   KENNISGRAAF_PYTHON=/path/to/python3.X   use this interpreter for a new .venv
#   KENNISGRAAF_VENV=/path/to/venv          use this environment instead of .venv
# Usage: . scripts/venv.sh EXTRAS     (EXTRAS: "" for the app, "test" for the tests; --functions-only: define
#        kg_pythons and kg_pick_python and stop)

kg_supported() { # is "$1" a working Python 3.11–3.13 with venv support?
    "$1" -c 'import sys, venv, ensurepip; sys.exit(0 if (3, 11) <= sys.version_info[:2] <= (3, 13) else 1)' \
        >/dev/null 2>&1
}

# Every supported interpreter on this machine, newest first: on PATH, Debian's, and pyenv's.
kg_pythons() {
    local minor candidate root
    root="$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")"
    for minor in 13 12 11; do
        for candidate in "$(command -v "python3.$minor" 2>/dev/null)" "/usr/bin/python3.$minor" \
            "/usr/local/bin/python3.$minor" "$root"/versions/3."$minor".*/bin/python3."$minor"; do
            if [ -n "$candidate" ] && [ -x "$candidate" ] && kg_supported "$candidate"; then
                echo "$candidate"
                break
            fi
        done
    done
}

kg_pick_python() {
    if [ -n "${KENNISGRAAF_PYTHON:-}" ]; then
        kg_supported "$KENNISGRAAF_PYTHON" && { echo "$KENNISGRAAF_PYTHON"; return 0; }
        echo "KENNISGRAAF_PYTHON=$KENNISGRAAF_PYTHON is not a Python 3.11–3.13 with the venv module." >&2
        return 1
    fi
    if command -v python3 >/dev/null 2>&1 && kg_supported python3; then command -v python3; return 0; fi
    local found
    found="$(kg_pythons | head -n 1)"
    if [ -n "$found" ]; then echo "$found"; return 0; fi
    echo "No Python 3.11–3.13 with the venv module found." >&2
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing Debian's python3-venv …" >&2
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null) >&2 \
            && kg_supported python3 && { command -v python3; return 0; }
    fi
    echo "Install Python 3.11, 3.12 or 3.13 with venv (Debian: apt-get install python3-venv) and try again." >&2
    return 1
}

if [ "${1:-}" = "--functions-only" ]; then return 0; fi

kg_venv="${KENNISGRAAF_VENV:-$PWD/.venv}"
kg_extras="${1:-}"
if [ ! -x "$kg_venv/bin/python" ] || ! kg_supported "$kg_venv/bin/python"; then
    kg_python="$(kg_pick_python)" || return 1 2>/dev/null || exit 1
    printf '\n== Creating the virtual environment %s with %s\n' "$kg_venv" "$("$kg_python" --version 2>&1)" >&2
    rm -rf "$kg_venv"
    "$kg_python" -m venv "$kg_venv" || { echo "Could not create $kg_venv" >&2; return 1 2>/dev/null || exit 1; }
fi
# shellcheck disable=SC1091
. "$kg_venv/bin/activate"
kg_stamp="$kg_venv/.kennisgraaf-installed${kg_extras:+-$kg_extras}"
kg_want="$(sha256sum pyproject.toml | cut -d' ' -f1) $PWD"
if [ "$(cat "$kg_stamp" 2>/dev/null)" != "$kg_want" ]; then
    printf '\n== Installing kennisgraaf%s into %s\n' "${kg_extras:+[$kg_extras]}" "$kg_venv" >&2
    python -m pip install --quiet --disable-pip-version-check -e ".${kg_extras:+[$kg_extras]}" >&2 \
        || { echo "Installing into $kg_venv failed (see above)." >&2; return 1 2>/dev/null || exit 1; }
    echo "$kg_want" >"$kg_stamp"
fi
unset kg_venv kg_extras kg_python kg_stamp kg_want
