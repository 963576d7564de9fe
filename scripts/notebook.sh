#!/usr/bin/env bash
# Runs the example notebooks in their real Jupyter kernels and checks what they show:
# examples/notebooks/retention.ipynb in Deno's kernel (`deno jupyter`, the devDependency deno) and
# examples/notebooks/retention-node.ipynb in tslab's Node kernel (tslab@1.0.22 through npx), each with
# `jupyter nbconvert --execute` (Debian's jupyter-nbconvert), then scripts/check-notebook.mjs on the
# result. `npm run build` first: the notebooks import ../../dist/index.js.
#
#   bash scripts/notebook.sh [NOTEBOOK.ipynb ...]     run and check (default: examples/notebooks/*.ipynb)
#   bash scripts/notebook.sh --update [NOTEBOOK ...]  also store this run's outputs in the notebooks
#   bash scripts/notebook.sh --html FILE [NOTEBOOK]   also write the executed notebook as HTML (for
#                                                     node scripts/check-browser.mjs --notebook-html FILE)
#   bash scripts/notebook.sh --strict-outputs ...     committed outputs that differ from this run are errors
#
# The kernel specs go to a temporary Jupyter folder (JUPYTER_PATH/JUPYTER_DATA_DIR), so nothing is
# installed for the user. Without tslab (no network), the Node notebook is skipped, except under CI.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jupyter=${JUPYTER:-/usr/bin/jupyter}   # Debian's: the python3 first on the PATH may have no Jupyter
tslab_version=1.0.22
in_ci=false; [ -n "${CI:-}" ] && [ "${CI:-}" != false ] && in_ci=true

update=false; strict=""; html=""; notebooks=()
while [ $# -gt 0 ]; do
  case "$1" in
    --update) update=true ;;
    --strict-outputs) strict=--strict-outputs ;;
    --html) html=${2:?--html needs a file}; shift ;;
    --*) echo "notebook.sh: unknown option $1" >&2; exit 2 ;;
    *) notebooks+=("$1") ;;
  esac
  shift
done
[ ${#notebooks[@]} -gt 0 ] || notebooks=(examples/notebooks/*.ipynb)
[ -z "$html" ] || [ ${#notebooks[@]} -eq 1 ] || { echo "notebook.sh: --html takes one notebook" >&2; exit 2; }
[ -f dist/index.js ] || { echo "notebook.sh: dist/index.js is missing: run npm run build first" >&2; exit 1; }
"$jupyter" nbconvert --version >/dev/null 2>&1 || {
  echo "notebook.sh: $jupyter nbconvert does not run: apt-get install jupyter-nbconvert (or set JUPYTER)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/notebook.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export JUPYTER_DATA_DIR="$tmp/jupyter" JUPYTER_PATH="$tmp/jupyter" JUPYTER_CONFIG_DIR="$tmp/config"
mkdir -p "$tmp/out" "$JUPYTER_DATA_DIR/kernels" "$JUPYTER_CONFIG_DIR"

kernel_of() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).metadata?.kernelspec?.name ?? "")' "$1"; }

# Deno's kernel: `deno jupyter --install` writes its spec under $XDG_DATA_HOME/jupyter (it does not read
# JUPYTER_DATA_DIR), with the path of the deno binary that ran it; check that it is the repository's.
install_deno_kernel() {
  local deno spec
  deno=$(readlink -f node_modules/.bin/deno)
  [ -x "$deno" ] || { echo "notebook.sh: node_modules/.bin/deno is missing: npm install" >&2; return 1; }
  XDG_DATA_HOME="$tmp" "$deno" jupyter --install --force >/dev/null 2>"$tmp/deno-install.log" || { cat "$tmp/deno-install.log" >&2; return 1; }
  spec="$JUPYTER_DATA_DIR/kernels/deno/kernel.json"
  [ -f "$spec" ] || { echo "notebook.sh: deno jupyter --install wrote no $spec" >&2; cat "$tmp/deno-install.log" >&2; return 1; }
  node -e '
    const fs = require("fs"); const [file, deno] = process.argv.slice(1);
    const spec = JSON.parse(fs.readFileSync(file, "utf8"));
    if (spec.argv[0] !== deno) { spec.argv[0] = deno; fs.writeFileSync(file, JSON.stringify(spec, null, 2)); }
    console.log(`Deno kernel: ${spec.argv.join(" ")}`);' "$spec" "$deno"
}

# tslab's kernel: the spec its python/install.py would write (that script needs IPython, which
# Debian's nbconvert does not pull in), pointing at tslab from the npx cache.
install_tslab_kernel() {
  local tslab
  tslab=$(npx -y -p "tslab@$tslab_version" -- sh -c 'readlink -f "$(command -v tslab)"' 2>"$tmp/tslab.log") && [ -x "$tslab" ] || {
    cat "$tmp/tslab.log" >&2; return 1; }
  mkdir -p "$JUPYTER_DATA_DIR/kernels/tslab"
  printf '{"argv": ["%s", "kernel", "--config-path", "{connection_file}"], "display_name": "TypeScript", "language": "typescript"}\n' \
    "$tslab" > "$JUPYTER_DATA_DIR/kernels/tslab/kernel.json"
  echo "tslab kernel: $tslab ($("$tslab" --version))"
}

failed=0; ran=0; have_deno=""; have_tslab=""
for nb in "${notebooks[@]}"; do
  kernel=$(kernel_of "$nb")
  case "$kernel" in
    deno)
      [ -n "$have_deno" ] || { install_deno_kernel && have_deno=yes || have_deno=no; }
      [ "$have_deno" = yes ] || { echo "FAIL $nb: could not install Deno's kernel"; failed=$((failed + 1)); continue; } ;;
    tslab)
      [ -n "$have_tslab" ] || { install_tslab_kernel && have_tslab=yes || have_tslab=no; }
      if [ "$have_tslab" != yes ]; then
        if $in_ci; then echo "FAIL $nb: tslab@$tslab_version could not be had through npx"; failed=$((failed + 1))
        else echo "skip $nb: tslab@$tslab_version could not be had through npx (no network?)"; fi
        continue
      fi ;;
    *) echo "FAIL $nb: kernelspec \"$kernel\" is neither deno nor tslab"; failed=$((failed + 1)); continue ;;
  esac
  name=$(basename "$nb")
  # Up to 3 runs when the only problem is a cell whose output went missing (check-notebook.mjs exit
  # code 3: Deno's kernel can report a cell idle before its output is out, and Jupyter drops it).
  status=1
  for attempt in 1 2 3; do
    start=$SECONDS
    if ! "$jupyter" nbconvert --to notebook --execute --ExecutePreprocessor.timeout=120 \
        --ExecutePreprocessor.record_timing=False --output-dir "$tmp/out" --output "$name" "$nb" >"$tmp/nbconvert.log" 2>&1; then
      # nbconvert's own traceback says little: show from the failed cell on, when it is there.
      if grep -q 'CellExecutionError: ' "$tmp/nbconvert.log"; then sed -n '/CellExecutionError: /,$p' "$tmp/nbconvert.log" | head -n 60 >&2
      else grep -v '"deno jupyter" is unstable' "$tmp/nbconvert.log" | tail -n 40 >&2; fi
      echo "FAIL $nb: jupyter nbconvert --execute failed in the $kernel kernel"
      status=1; break
    fi
    echo "$nb: executed in the $kernel kernel in $((SECONDS - start)) s"
    status=0
    node scripts/check-notebook.mjs "$tmp/out/$name" "$nb" ${strict:+"$strict"} $($update && echo --update) || status=$?
    [ "$status" -eq 3 ] && [ "$attempt" -lt 3 ] && { echo "  outputs went missing: running $nb again (run $((attempt + 1)) of 3)"; continue; }
    break
  done
  if [ "$status" -ne 0 ]; then failed=$((failed + 1)); continue; fi
  ran=$((ran + 1))
  if $update; then cp "$tmp/out/$name" "$nb" && echo "  stored this run's outputs in $nb"; fi
  if [ -n "$html" ]; then
    mkdir -p "$(dirname "$html")"
    "$jupyter" nbconvert --to html --output-dir "$(cd "$(dirname "$html")" && pwd)" --output "$(basename "$html" .html)" "$tmp/out/$name" >"$tmp/html.log" 2>&1 ||
      { cat "$tmp/html.log" >&2; echo "FAIL $nb: could not write $html"; failed=$((failed + 1)); continue; }
    echo "  wrote an HTML rendition to $html"
  fi
done
if [ "$failed" -gt 0 ]; then echo "notebooks: $failed failed, $ran passed"; exit 1; fi
echo "notebooks: $ran passed"
