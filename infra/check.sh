#!/usr/bin/env bash
# Static checks for infra/: everything that can be validated without a Docker engine or a
# Kubernetes cluster. Run from anywhere: `bash infra/check.sh`. Exit status 0 = all passed.
#
# Checks:
#   1. every YAML file under infra/ parses (all documents);
#   2. every kustomization lists only files/directories that exist;
#   3. every image used in the manifests (and renamed by kustomizations) is `modelhub-<target>`
#      with <target> a `FROM ... AS <target>` stage of infra/docker/Dockerfile;
#   4. Dockerfile consistency: unique stage names, `--from=`/`FROM` references to known stages,
#      the pinned npm equals package.json's packageManager, the ignore file exists, the api and
#      runner CMDs pass the launcher's SERVER_NODE_FLAGS;
#   5. manifest consistency: selectors match pod labels, Services/HPAs/PDBs point at existing
#      workloads, referenced ConfigMaps/Secret keys/PVCs exist, probes and Ingress paths use
#      only the HTTP routes the apps serve, pods bind 0.0.0.0 and runners advertise their URL,
#      the api connects with a database URL other than the owner's (row-level security), the
#      worker has no HTTP probes and a grace period above its drain timeout;
#   6. if `kubectl` (or `kustomize`) is installed: both kustomizations render, and the rendered
#      images pass check 3 (this is what catches a wrong `images:` rename in an overlay);
#   7. if a Docker engine answers (`docker info`): `docker build --check` for every target.
#
# YAML parser: js-yaml if the repository's node_modules already has it, else python3's `yaml`
# module, else checks 1, 3 and 5 are skipped (printed as SKIP) and 2 falls back to a line scan.
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$INFRA_DIR/.." && pwd)"
export INFRA_DIR REPO_ROOT

if ! command -v node >/dev/null 2>&1; then
  echo "FAIL: node is required (the repository needs it anyway)" >&2
  exit 1
fi

# Optional renderer for check 6.
RENDER_CMD=""
if command -v kubectl >/dev/null 2>&1 && kubectl kustomize --help >/dev/null 2>&1; then
  RENDER_CMD="kubectl kustomize"
elif command -v kustomize >/dev/null 2>&1; then
  RENDER_CMD="kustomize build"
fi
export RENDER_CMD

node --input-type=module - <<'NODE'
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const infra = process.env.INFRA_DIR;
const root = process.env.REPO_ROOT;
const rel = (p) => path.relative(root, p);
let failures = 0;
let skips = 0;
const fail = (msg) => { failures++; console.log(`FAIL  ${msg}`); };
const ok = (msg) => console.log(`ok    ${msg}`);
const skip = (msg) => { skips++; console.log(`SKIP  ${msg}`); };

// ---------------------------------------------------------------- YAML parser selection
let parseAll = null;
let parserName = null;
try {
  const require = createRequire(path.join(root, 'package.json'));
  const jsyaml = require(require.resolve('js-yaml', { paths: [root] }));
  parseAll = (text) => jsyaml.loadAll(text);
  parserName = 'js-yaml (repository node_modules)';
} catch {
  const probe = spawnSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' });
  if (probe.status === 0) {
    parseAll = (text) => {
      const r = spawnSync(
        'python3',
        ['-c', 'import sys, json, yaml; json.dump(list(yaml.safe_load_all(sys.stdin)), sys.stdout, default=str)'],
        { input: text, encoding: 'utf8' },
      );
      if (r.status !== 0) throw new Error(r.stderr.trim().split('\n').pop());
      return JSON.parse(r.stdout);
    };
    parserName = "python3's yaml module";
  }
}
console.log(parserName ? `YAML parser: ${parserName}` : 'YAML parser: none available');

// ---------------------------------------------------------------- helpers
function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}
const yamlFiles = walk(infra).filter((f) => /\.ya?ml$/.test(f)).sort();
const isKustomization = (f) => /^kustomization\.ya?ml$/.test(path.basename(f));

// ---------------------------------------------------------------- Dockerfile
const dockerfilePath = path.join(infra, 'docker', 'Dockerfile');
const dockerfile = fs.readFileSync(dockerfilePath, 'utf8');
// Join continuation lines, drop comments.
const instructions = dockerfile
  .replace(/\\\r?\n/g, ' ')
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const stages = [];
for (const line of instructions) {
  const m = /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(line);
  if (m) {
    if (m[2]) {
      const name = m[2].toLowerCase();
      if (stages.includes(name)) fail(`Dockerfile: stage '${name}' defined twice`);
      stages.push(name);
    }
    continue;
  }
  const from = /--from=(\S+)/i.exec(line);
  if (from && /^(COPY|RUN)\b/i.test(line)) {
    const ref = from[1].toLowerCase();
    const isImage = ref.includes(':') || ref.includes('/');
    if (!isImage && !stages.includes(ref)) fail(`Dockerfile: '${line.slice(0, 60)}...' uses unknown stage '${ref}'`);
  }
}
ok(`Dockerfile stages: ${stages.join(', ')}`);
const requiredTargets = ['api', 'runner', 'worker', 'web', 'migrate', 'runner-cuda'];
for (const t of requiredTargets) {
  if (!stages.includes(t)) fail(`Dockerfile: required target '${t}' missing`);
}

const ignoreFile = path.join(infra, 'docker', 'Dockerfile.dockerignore');
if (!fs.existsSync(ignoreFile)) fail(`${rel(ignoreFile)} missing`);
else if (!/^\*\*\/node_modules$/m.test(fs.readFileSync(ignoreFile, 'utf8'))) fail(`${rel(ignoreFile)} does not ignore **/node_modules`);
else ok(`${rel(ignoreFile)} present (next to the Dockerfile, as BuildKit expects)`);

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const npmArg = /^ARG\s+NPM_VERSION=(\S+)/m.exec(dockerfile)?.[1];
const npmPinned = /^npm@(.+)$/.exec(pkg.packageManager ?? '')?.[1];
if (npmPinned && npmArg !== npmPinned) fail(`Dockerfile ARG NPM_VERSION=${npmArg} but package.json packageManager is npm@${npmPinned}`);
else ok(`Dockerfile npm ${npmArg} matches packageManager`);
if (!fs.existsSync(path.join(root, 'package-lock.json'))) fail('package-lock.json missing: the Dockerfile runs npm ci');

// The api and runner images start node with the launcher's SERVER_NODE_FLAGS (heap tuning).
const flagsSource = fs.readFileSync(path.join(root, 'apps/launcher/src/server-node-flags.ts'), 'utf8');
const serverFlags = [.../SERVER_NODE_FLAGS[^=]*=\s*\[([^\]]*)\]/.exec(flagsSource)?.[1].matchAll(/'([^']+)'/g) ?? []].map((m) => m[1]);
if (serverFlags.length === 0) fail('apps/launcher/src/server-node-flags.ts: SERVER_NODE_FLAGS not found');
const serverCmds = instructions.filter((l) => /^CMD\s+\[.*apps\/(api|runner)\/src\/main\.ts/.test(l));
if (serverCmds.length !== 3) fail(`Dockerfile: expected 3 api/runner CMDs (api, runner, runner-cuda), found ${serverCmds.length}`);
for (const cmd of serverCmds) {
  const argv = JSON.parse(cmd.replace(/^CMD\s+/, ''));
  if (serverFlags.some((f, i) => argv[i + 1] !== f)) fail(`Dockerfile: '${cmd}' does not start node with ${serverFlags.join(' ')}`);
}
ok(`Dockerfile api and runner CMDs start node with ${serverFlags.join(' ')}`);

// image reference -> Dockerfile target ("registry/x/modelhub-api:1.2" -> "api")
function targetOf(image) {
  const last = image.split('/').pop().split('@')[0].split(':')[0];
  const m = /^modelhub-(.+)$/.exec(last);
  return m ? m[1] : null;
}
function checkImage(image, where) {
  const t = targetOf(image);
  if (!t) return fail(`${where}: image '${image}' is not named modelhub-<target>`);
  if (!stages.includes(t)) return fail(`${where}: image '${image}' needs Dockerfile target '${t}', which does not exist`);
  return true;
}

// ---------------------------------------------------------------- 1. YAML parses
const docsByFile = new Map();
if (parseAll) {
  for (const f of yamlFiles) {
    try {
      const docs = parseAll(fs.readFileSync(f, 'utf8')).filter((d) => d !== null && d !== undefined);
      docsByFile.set(f, docs);
      ok(`parses: ${rel(f)} (${docs.length} document${docs.length === 1 ? '' : 's'})`);
    } catch (e) {
      fail(`YAML: ${rel(f)}: ${String(e.message ?? e).split('\n')[0]}`);
    }
  }
} else {
  skip(`YAML parsing of ${yamlFiles.length} files (no js-yaml in node_modules, no python3 yaml)`);
}

// ---------------------------------------------------------------- 2. kustomization references
function kustomizationRefs(file) {
  const refs = [];
  const docs = docsByFile.get(file);
  if (docs) {
    const k = docs[0] ?? {};
    for (const r of k.resources ?? []) refs.push(r);
    for (const r of k.components ?? []) refs.push(r);
    for (const r of k.patchesStrategicMerge ?? []) if (typeof r === 'string' && !r.includes('\n')) refs.push(r);
    for (const p of k.patches ?? []) if (p?.path) refs.push(p.path);
    for (const g of [...(k.configMapGenerator ?? []), ...(k.secretGenerator ?? [])]) {
      for (const f of g.files ?? []) refs.push(String(f).split('=').pop());
      for (const f of g.envs ?? []) refs.push(f);
      if (g.env) refs.push(g.env);
    }
    return refs;
  }
  // Line-scan fallback: list items under resources/components and `path:` keys.
  let inList = false;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (/^(resources|components|patchesStrategicMerge):\s*$/.test(line)) { inList = true; continue; }
    if (/^\S/.test(line)) inList = false;
    const item = /^\s*-\s+([^#\s]+)\s*$/.exec(line);
    if (inList && item) refs.push(item[1]);
    const p = /^\s*-?\s*path:\s*([^#\s]+)/.exec(line);
    if (p) refs.push(p[1]);
  }
  return refs;
}
for (const f of yamlFiles.filter(isKustomization)) {
  const dir = path.dirname(f);
  let good = true;
  for (const ref of kustomizationRefs(f)) {
    if (/^[a-z]+:\/\//i.test(ref) || ref.startsWith('github.com/')) continue; // remote: not checked
    const target = path.resolve(dir, ref);
    if (!fs.existsSync(target)) { fail(`${rel(f)}: '${ref}' does not exist`); good = false; continue; }
    if (fs.statSync(target).isDirectory() && !['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some((n) => fs.existsSync(path.join(target, n)))) {
      fail(`${rel(f)}: directory '${ref}' has no kustomization.yaml`); good = false;
    }
  }
  if (good) ok(`${rel(f)}: every listed file exists`);
}

// ---------------------------------------------------------------- 3 + 5. manifest content
// The HTTP routes the apps actually serve (apps/api/src/http, apps/runner/src/v2-routes.ts,
// apps/web). Probes and the Ingress may use only these; a path ending in `/` stands for the
// routes under it (an Ingress `Prefix`). The worker serves no HTTP at all.
const knownPaths = {
  api: [
    '/graphql', '/healthz', '/readyz',
    '/uploads/',            // PUT /uploads/models/:org/:model/versions/:version
    '/webhooks/stripe',     // POST
    '/billing/usage.csv',   // GET
    '/v2/models/',          // KServe v2 infer/metadata and image pipelines through the api
  ],
  runner: ['/v2/health/live', '/v2/health/ready'],
  web: ['/'],
  worker: [],
};
const servicePorts = { 'modelhub-api': 'api', 'modelhub-runner': 'runner', 'modelhub-web': 'web' };

function podSpecOf(o) {
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(o.kind)) return o.spec?.template?.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  if (o.kind === 'Pod') return o.spec;
  return null;
}
const containersOf = (ps) => [...(ps?.initContainers ?? []), ...(ps?.containers ?? [])];
const envMap = (c) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));

function checkObjects(objects, label, { imagesOnly = false } = {}) {
  const byKind = (k) => objects.filter((o) => o?.kind === k);
  let problems = 0;
  const bad = (m) => { problems++; fail(`${label}: ${m}`); };

  for (const o of objects) {
    const ps = podSpecOf(o);
    for (const c of containersOf(ps)) {
      if (!c.image) { bad(`${o.kind}/${o.metadata?.name} container ${c.name} has no image`); continue; }
      if (checkImage(c.image, `${label}: ${o.kind}/${o.metadata?.name}`) !== true) problems++;
    }
  }
  if (imagesOnly) return problems;

  const workloads = objects.filter((o) => podSpecOf(o));
  const configMaps = new Set(byKind('ConfigMap').map((o) => o.metadata?.name));
  const pvcs = new Set(byKind('PersistentVolumeClaim').map((o) => o.metadata?.name));
  const secretKeys = new Map();
  // The owner role's Secret key: whatever the migrate Job (component=migration) reads.
  const ownerDbKey = workloads
    .filter((w) => (w.kind === 'CronJob' ? w.spec.jobTemplate.spec.template : w.spec.template)?.metadata?.labels?.['app.kubernetes.io/component'] === 'migration')
    .flatMap((w) => containersOf(podSpecOf(w)).map((c) => envMap(c).DATABASE_URL?.secretKeyRef?.key))
    .find(Boolean) ?? 'DATABASE_URL';
  for (const s of byKind('Secret')) secretKeys.set(s.metadata?.name, new Set(Object.keys({ ...s.data, ...s.stringData })));

  for (const o of objects) {
    if (!o?.kind || o.kind === 'Kustomization') continue;
    const id = `${o.kind}/${o.metadata?.name}`;
    if (!o.metadata?.labels?.['app.kubernetes.io/name']) bad(`${id} lacks label app.kubernetes.io/name`);
    if (o.metadata?.labels?.['app.kubernetes.io/part-of'] !== 'modelhub' && !label.startsWith('source')) bad(`${id} lacks label app.kubernetes.io/part-of=modelhub`);
  }

  for (const w of workloads) {
    const id = `${w.kind}/${w.metadata?.name}`;
    const ps = podSpecOf(w);
    const podLabels = (w.kind === 'CronJob' ? w.spec.jobTemplate.spec.template : w.spec.template)?.metadata?.labels ?? {};
    for (const [k, v] of Object.entries(w.spec?.selector?.matchLabels ?? {})) {
      if (podLabels[k] !== v) bad(`${id}: selector ${k}=${v} does not match its pod labels`);
    }
    for (const v of ps.volumes ?? []) {
      if (v.persistentVolumeClaim && !pvcs.has(v.persistentVolumeClaim.claimName)) bad(`${id}: PVC '${v.persistentVolumeClaim.claimName}' not defined`);
      if (v.configMap && !configMaps.has(v.configMap.name)) bad(`${id}: ConfigMap '${v.configMap.name}' not defined`);
    }
    // Which app's routes apply: the component label (api, runner, web; migration has none).
    const app = podLabels['app.kubernetes.io/component'];
    for (const c of containersOf(ps)) {
      for (const ef of c.envFrom ?? []) {
        if (ef.configMapRef && !configMaps.has(ef.configMapRef.name)) bad(`${id}: ConfigMap '${ef.configMapRef.name}' not defined`);
      }
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (!ref) continue;
        const keys = secretKeys.get(ref.name);
        if (!keys) bad(`${id}: Secret '${ref.name}' not in secret.example.yaml`);
        else if (!keys.has(ref.key)) bad(`${id}: Secret '${ref.name}' has no key '${ref.key}' in secret.example.yaml`);
      }
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        const p = c[probe]?.httpGet?.path;
        if (p && app && !(knownPaths[app] ?? []).includes(p)) bad(`${id}: ${probe} uses ${p}, which the ${app} does not serve`);
      }
      const env = envMap(c);
      if (app === 'api' && env.API_HOST !== '0.0.0.0') bad(`${id}: API_HOST must be 0.0.0.0 in a pod`);
      // Row-level security: the api must not share the owner's connection (migrate's key).
      if (app === 'api') {
        const key = env.DATABASE_URL?.secretKeyRef?.key;
        if (!key) bad(`${id}: DATABASE_URL must come from the Secret (the modelhub_app role's URL)`);
        else if (key === ownerDbKey) bad(`${id}: DATABASE_URL uses the owner's key '${key}'; the api connects as modelhub_app (APP_DATABASE_URL)`);
      }
      if (app === 'worker') {
        for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
          if (c[probe]?.httpGet || c[probe]?.tcpSocket) bad(`${id}: ${probe} uses the network, but the worker serves no HTTP`);
        }
        const drainMs = Number(env.WORKER_DRAIN_TIMEOUT_MS ?? 30000);
        const graceS = ps.terminationGracePeriodSeconds ?? 30;
        if (!(graceS * 1000 > drainMs)) bad(`${id}: terminationGracePeriodSeconds ${graceS} must exceed WORKER_DRAIN_TIMEOUT_MS ${drainMs} ms`);
      }
      if (app === 'runner') {
        if (env.RUNNER_HOST !== '0.0.0.0') bad(`${id}: RUNNER_HOST must be 0.0.0.0 in a pod`);
        if (!env.RUNNER_PUBLIC_URL) bad(`${id}: RUNNER_PUBLIC_URL must be set (the api reaches runners at that address)`);
      }
    }
  }

  const findWorkload = (kind, name) => workloads.find((w) => w.kind === kind && w.metadata?.name === name);
  const podLabelsOf = (w) => w.spec?.template?.metadata?.labels ?? {};
  const selects = (sel, labels) => Object.entries(sel ?? {}).every(([k, v]) => labels[k] === v);
  for (const s of byKind('Service')) {
    if (!workloads.some((w) => selects(s.spec?.selector, podLabelsOf(w)))) bad(`Service/${s.metadata?.name} selects no workload`);
  }
  for (const p of byKind('PodDisruptionBudget')) {
    if (!workloads.some((w) => w.kind !== 'Job' && selects(p.spec?.selector?.matchLabels, podLabelsOf(w)))) bad(`PodDisruptionBudget/${p.metadata?.name} selects no workload`);
  }
  for (const h of byKind('HorizontalPodAutoscaler')) {
    const t = h.spec?.scaleTargetRef ?? {};
    const w = findWorkload(t.kind, t.name);
    if (!w) bad(`HorizontalPodAutoscaler/${h.metadata?.name} targets missing ${t.kind}/${t.name}`);
    else if (h.spec?.metrics?.some((m) => m.resource?.name === 'cpu') && !containersOf(podSpecOf(w)).every((c) => c.resources?.requests?.cpu)) {
      bad(`HorizontalPodAutoscaler/${h.metadata?.name}: CPU utilisation needs CPU requests on ${t.kind}/${t.name}`);
    }
  }
  for (const ing of byKind('Ingress')) {
    for (const rule of ing.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const svc = p.backend?.service?.name;
        const app = servicePorts[svc];
        if (!byKind('Service').some((s) => s.metadata?.name === svc)) bad(`Ingress/${ing.metadata?.name}: Service '${svc}' not defined`);
        else if (!(knownPaths[app] ?? []).includes(p.path)) bad(`Ingress/${ing.metadata?.name}: ${p.path} -> ${svc}, which does not serve it`);
      }
    }
  }
  return problems;
}

let secretTemplates = [];
if (parseAll) {
  // Source files: kustomization `images:` renames are checked too.
  for (const f of yamlFiles.filter(isKustomization)) {
    for (const img of docsByFile.get(f)?.[0]?.images ?? []) {
      checkImage(img.newName ?? img.name, rel(f));
    }
  }
  secretTemplates = [...docsByFile.entries()].filter(([f]) => /secret\.example\.ya?ml$/.test(f)).flatMap(([, d]) => d);
  const sourceObjects = [...docsByFile.entries()].filter(([f]) => !isKustomization(f) && f.includes(`${path.sep}k8s${path.sep}base${path.sep}`)).flatMap(([, d]) => d);
  if (checkObjects(sourceObjects, 'source infra/k8s/base') === 0) ok('infra/k8s/base: images, labels, selectors, references, probes and Ingress paths consistent');
} else {
  // Line-scan fallback for check 3: `image:` fields and kustomization `images:` names.
  let count = 0;
  for (const f of yamlFiles) {
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
      const m = /^\s*(?:-\s+)?(?:image|newName):\s*["']?([^\s"'#]+)/.exec(line)
        ?? (isKustomization(f) ? /^\s*-\s+name:\s*["']?(modelhub-[^\s"'#]+)/.exec(line) : null);
      if (m) { count++; checkImage(m[1], rel(f)); }
    }
  }
  ok(`line scan: ${count} image references checked against Dockerfile targets`);
  skip('manifest content checks (need a YAML parser)');
}

// ---------------------------------------------------------------- 6. render with kustomize
const renderCmd = process.env.RENDER_CMD;
const kustomizeDirs = yamlFiles.filter(isKustomization).map((f) => path.dirname(f))
  .filter((d) => d === path.join(infra, 'k8s') || d.includes(`${path.sep}overlays${path.sep}`));
if (!renderCmd) {
  skip('kustomize rendering (neither kubectl nor kustomize installed)');
} else {
  for (const dir of kustomizeDirs) {
    const [cmd, ...args] = renderCmd.split(' ');
    const r = spawnSync(cmd, [...args, dir], { encoding: 'utf8' });
    if (r.status !== 0) {
      const msg = r.stderr.trim().split('\n').pop().replace(/^.*?err="/, '').replace(/"$/, '');
      fail(`${renderCmd} ${rel(dir)}: ${msg}`);
      continue;
    }
    if (!parseAll) { ok(`${renderCmd} ${rel(dir)} renders (content not checked: no YAML parser)`); continue; }
    const objects = parseAll(r.stdout).filter(Boolean);
    // The Secret is created by hand, not rendered: its template supplies the keys to check.
    const problems = checkObjects([...objects, ...secretTemplates], `rendered ${rel(dir)}`);
    const images = [...new Set(objects.flatMap((o) => containersOf(podSpecOf(o)).map((c) => c.image)))].sort();
    if (problems === 0) ok(`${renderCmd} ${rel(dir)}: ${objects.length} objects, images ${images.join(', ')}`);
  }
}

// ---------------------------------------------------------------- 7. docker build --check
const dockerInfo = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 15000 });
if (dockerInfo.status !== 0) {
  skip('docker build --check (no Docker engine reachable; the client alone cannot run build checks)');
} else {
  for (const t of requiredTargets) {
    const r = spawnSync('docker', ['build', '--check', '-f', dockerfilePath, '--target', t, root], { encoding: 'utf8' });
    if (r.status !== 0) fail(`docker build --check --target ${t}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
    else ok(`docker build --check --target ${t}`);
  }
}

console.log(`\n${failures === 0 ? 'PASS' : 'FAIL'}: ${failures} failure(s), ${skips} skipped check(s)`);
process.exit(failures === 0 ? 0 : 1);
NODE
