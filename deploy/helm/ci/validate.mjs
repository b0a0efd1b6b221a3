// Validates `helm template` output against the Kubernetes, KEDA and Knative API schemas
// (kubernetes-models), then checks what the chart promises for a given value set.
//
//   node deploy/helm/ci/validate.mjs <value-set> <rendered.yaml>
//
// <value-set> is default, knative, keda or readme and picks the expectations below. The models are
// loaded from CQRS_SHOP_TOOLS (default .local/tools), where scripts/check-helm.sh installs them.
// Exit status 1 on any invalid document, unknown kind or unmet expectation.

import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [valueSet, renderedFile] = process.argv.slice(2);
if (!valueSet || !renderedFile) {
  console.error("usage: validate.mjs <default|knative|keda> <rendered.yaml>");
  process.exit(2);
}

const toolsDir = resolve(process.env.CQRS_SHOP_TOOLS ?? ".local/tools");
const nodeModules = join(toolsDir, "node_modules");
const { default: yaml } = await import(pathToFileURL(join(nodeModules, "js-yaml/dist/js-yaml.mjs")));

// The model packages are ESM with an exports map, which a script outside .local/tools cannot
// resolve by bare name, so the class is loaded from its file. Each API group lives in one package.
function modelPackage(group) {
  if (group === "keda.sh" || group.endsWith(".keda.sh")) return "@kubernetes-models/keda";
  if (group.endsWith("knative.dev")) return "@kubernetes-models/knative";
  return "kubernetes-models";
}

async function loadModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const pkg = modelPackage(group);
  const file = join(nodeModules, pkg, ...(group ? [group] : []), version, `${kind}.js`);
  if (!/^[A-Za-z0-9]+$/.test(kind) || !existsSync(file)) {
    throw new Error(`no model for ${apiVersion} ${kind} (looked for ${file})`);
  }
  const Model = (await import(pathToFileURL(file)))[kind];
  if (!Model || Model.apiVersion !== apiVersion || Model.kind !== kind) {
    throw new Error(`${file} does not export a model of ${apiVersion} ${kind}`);
  }
  return Model;
}

const docs = yaml.loadAll(readFileSync(renderedFile, "utf8")).filter((d) => d != null);
let failures = 0;

function fail(message) {
  failures++;
  console.log(`FAIL ${valueSet}: ${message}`);
}

for (const doc of docs) {
  const id = `${doc.apiVersion ?? "?"} ${doc.kind ?? "?"} ${doc.metadata?.name ?? "?"}`;
  try {
    if (typeof doc.apiVersion !== "string" || typeof doc.kind !== "string") {
      throw new Error("document without apiVersion or kind");
    }
    const Model = await loadModel(doc.apiVersion, doc.kind);
    new Model(doc).validate();
    console.log(`ok   ${valueSet}: ${id}`);
  } catch (error) {
    fail(`${id}: ${error.message}`);
  }
}

// --- What the chart promises, per value set ---

const component = (d) => d.metadata?.labels?.["app.kubernetes.io/component"];
const ofKind = (apiVersion, kind) => docs.filter((d) => d.apiVersion === apiVersion && d.kind === kind);
const deployments = ofKind("apps/v1", "Deployment");
const knativeServices = ofKind("serving.knative.dev/v1", "Service");
const plainServices = ofKind("v1", "Service");
const configMaps = ofKind("v1", "ConfigMap");
const hpas = ofKind("autoscaling/v2", "HorizontalPodAutoscaler");
const pdbs = ofKind("policy/v1", "PodDisruptionBudget");
const ingresses = ofKind("networking.k8s.io/v1", "Ingress");
const scaledObjects = ofKind("keda.sh/v1alpha1", "ScaledObject");
const triggerAuths = ofKind("keda.sh/v1alpha1", "TriggerAuthentication");
const apps = ["command-app", "query-app"];
// The gateway is on by default and a plain Deployment in every mode, Knative included.
const withGateway = [...apps, "gateway"].sort();
let expectations = 0;

function expect(condition, message) {
  expectations++;
  if (!condition) fail(`expected ${message}`);
}

const components = (list) => list.map(component).sort().join(",");

// The apps' Quarkus health endpoints; Hive Gateway's own.
const healthPaths = (w) => component(w) === "gateway"
  ? { live: "/healthcheck", ready: "/readiness" }
  : { live: "/q/health/live", ready: "/q/health/ready" };

function expectProbedContainers(workloads) {
  for (const w of workloads) {
    const { live, ready } = healthPaths(w);
    for (const c of w.spec.template.spec.containers) {
      expect(c.name && c.ports?.[0]?.containerPort, `${w.metadata.name}: a named container with a containerPort`);
      expect(c.livenessProbe?.httpGet?.path === live, `${w.metadata.name}: liveness on ${live}`);
      expect(c.readinessProbe?.httpGet?.path === ready, `${w.metadata.name}: readiness on ${ready}`);
    }
  }
}

// The gateway reaches this release's apps: their Services, or their Knative Services on port 80.
function expectGatewayWiring(knative) {
  const gateway = deployments.find((d) => component(d) === "gateway");
  if (!gateway) return;
  const env = Object.fromEntries((gateway.spec.template.spec.containers[0].env ?? []).map((e) => [e.name, e.value]));
  const targets = knative ? knativeServices : plainServices;
  for (const [key, app] of [["COMMAND_APP_URL", "command-app"], ["QUERY_APP_URL", "query-app"]]) {
    const target = targets.find((s) => component(s) === app);
    const name = target?.metadata?.name;
    const url = knative
      ? `http://${name}.${target?.metadata?.namespace ?? "ci"}.svc`
      : `http://${name}:${target?.spec?.ports?.[0]?.port}`;
    expect(target && (env[key] === url || (knative && env[key]?.startsWith(`http://${name}.`))),
      `gateway ${key} at the ${app}'s ${knative ? "Knative " : ""}Service (${url}), found ${env[key]}`);
  }
  const image = gateway.spec.template.spec.containers[0].image;
  expect(!image.endsWith("-native"), `the gateway's one flavour of image, not a native tag (${image})`);
  const service = plainServices.find((s) => component(s) === "gateway");
  expect(service && String(service.spec.ports[0].port) === env.GATEWAY_PORT,
    `a gateway Service on its GATEWAY_PORT ${env.GATEWAY_PORT}`);
  // It verifies tokens and bounds bodies as the apps do, with their settings (docs/security.md).
  const appConfig = configMaps.find((c) => component(c) === "query-app")?.data ?? {};
  for (const key of ["JWT_PUBLIC_KEY_LOCATION", "JWT_ISSUER", "GRAPHQL_MAX_BODY_SIZE"]) {
    expect(env[key] && env[key] === appConfig[key], `gateway ${key} as the apps' (${appConfig[key]}), found ${env[key]}`);
  }
}

// Only GraphQL is public: never the command-app's /feed, never /q.
for (const ing of ingresses) {
  for (const rule of ing.spec.rules ?? []) {
    for (const p of rule.http?.paths ?? []) {
      expect(p.path === "/graphql" || p.path.startsWith("/graphql/"),
        `${ing.metadata.name}: only /graphql routed, found ${p.path}`);
    }
  }
}

// Every query-app replica reads its number of partitions from this one ConfigMap, so all agree.
const queryAppConfig = configMaps.find((c) => component(c) === "query-app");
expect(/^[1-9][0-9]*$/.test(queryAppConfig?.data?.PROJECTION_PARTITIONS ?? ""),
  `the query-app ConfigMap's PROJECTION_PARTITIONS a positive integer, found ${queryAppConfig?.data?.PROJECTION_PARTITIONS}`);

const scaleOf = (ksvc) => ksvc.spec.template.metadata?.annotations?.["autoscaling.knative.dev/min-scale"];

switch (valueSet) {
  case "default":
    expect(components(deployments) === withGateway.join(","), `Deployments for ${withGateway}, found [${components(deployments)}]`);
    expect(knativeServices.length === 0, `no Knative Service, found ${knativeServices.length}`);
    expect(components(plainServices) === withGateway.join(","), `Services for ${withGateway}, found [${components(plainServices)}]`);
    expect(components(hpas) === apps.join(","), `HPAs for ${apps}, found [${components(hpas)}]`);
    expect(components(pdbs) === withGateway.join(","), `PDBs for ${withGateway}, found [${components(pdbs)}]`);
    expect(components(ingresses) === withGateway.join(","), `Ingresses for ${withGateway}, found [${components(ingresses)}]`);
    expect(deployments.every((d) => d.spec.template.spec.terminationGracePeriodSeconds > 30),
      "terminationGracePeriodSeconds above the apps' 30 s shutdown");
    expectProbedContainers(deployments);
    expectGatewayWiring(false);
    break;

  case "knative": {
    expect(components(knativeServices) === apps.join(","), `Knative Services for ${apps}, found [${components(knativeServices)}]`);
    // The gateway stays a Deployment with its Service, PDB and Ingress; the apps get none of them.
    expect(components(deployments) === "gateway", `only the gateway's Deployment, found [${components(deployments)}]`);
    expect(components(plainServices) === "gateway", `only the gateway's plain Service, found [${components(plainServices)}]`);
    expect(hpas.length === 0, "no HPA");
    expect(components(pdbs) === "gateway", `only the gateway's PDB, found [${components(pdbs)}]`);
    expect(components(ingresses) === "gateway", `only the gateway's Ingress (Knative routes its Services), found [${components(ingresses)}]`);
    expectProbedContainers(deployments);
    expectGatewayWiring(true);
    const byComponent = Object.fromEntries(knativeServices.map((k) => [component(k), k]));
    expect(scaleOf(byComponent["command-app"] ?? {spec: {template: {}}}) === "1", "command-app min-scale \"1\" (outbox relay)");
    expect(scaleOf(byComponent["query-app"] ?? {spec: {template: {}}}) === "0", "query-app min-scale \"0\"");
    expectProbedContainers(knativeServices);
    break;
  }

  case "keda": {
    const queryApp = deployments.find((d) => component(d) === "query-app");
    // This set also switches the gateway off: nothing of it is rendered.
    expect(components(deployments) === apps.join(","), `Deployments for ${apps}, found [${components(deployments)}]`);
    expect(!docs.some((d) => component(d) === "gateway"), "no gateway object (gateway.enabled: false)");
    expect(scaledObjects.length === 1, `one ScaledObject, found ${scaledObjects.length}`);
    const so = scaledObjects[0];
    if (so && queryApp) {
      expect(so.spec.scaleTargetRef?.name === queryApp.metadata.name, `ScaledObject targeting ${queryApp.metadata.name}`);
      expect(so.spec.minReplicaCount === 0, "minReplicaCount 0 by default");
      // One trigger per partition queue <PROJECTION_QUEUE>.p<i>, as the query-app declares them.
      const config = queryAppConfig?.data ?? {};
      const partitions = Number(config.PROJECTION_PARTITIONS);
      const wanted = Array.from({ length: partitions }, (_, i) => `${config.PROJECTION_QUEUE}.p${i}`);
      const triggers = so.spec.triggers ?? [];
      const watched = triggers.map((t) => t.metadata?.queueName);
      expect(partitions >= 1 && watched.join(",") === wanted.join(","),
        `triggers on the partition queues [${wanted}], found [${watched}]`);
      for (const trigger of triggers) {
        const queue = trigger.metadata?.queueName;
        expect(trigger.type === "rabbitmq" && trigger.metadata?.mode === "QueueLength", `a rabbitmq QueueLength trigger on ${queue}`);
        expect(triggerAuths.some((t) => t.metadata.name === trigger.authenticationRef?.name),
          `a TriggerAuthentication the trigger on ${queue} refers to`);
      }
    }
    const scaledNames = new Set(scaledObjects.map((s) => s.spec.scaleTargetRef?.name));
    expect(hpas.every((h) => !scaledNames.has(h.spec.scaleTargetRef.name)), "no HPA on a Deployment KEDA scales");
    expect(components(hpas) === "command-app", `only the command-app HPA, found [${components(hpas)}]`);
    expect(!scaledObjects.some((s) => s.spec.scaleTargetRef?.name?.endsWith("command-app")),
      "the command-app (outbox relay) never scaled by KEDA");
    expectProbedContainers(deployments);
    break;
  }

  // The README's install command: the chart's own defaults plus connection values and the Ingress.
  case "readme": {
    expect(components(deployments) === withGateway.join(","), `Deployments for ${withGateway}, found [${components(deployments)}]`);
    expect(components(ingresses) === withGateway.join(","), `Ingresses for ${withGateway}, found [${components(ingresses)}]`);
    expectProbedContainers(deployments);
    expectGatewayWiring(false);
    break;
  }

  default:
    fail(`unknown value set "${valueSet}" (default, knative, keda or readme)`);
}

console.log(`${failures === 0 ? "PASS" : "FAIL"} ${valueSet}: ${docs.length} documents, ${expectations} expectations, ${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
