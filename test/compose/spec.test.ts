import * as fs from 'fs';
import * as path from 'path';
import { App, ComposeStack, formatNote, Job } from '../../lib';
import { loadComposeText } from '../../lib/compose/loader';
import { renderChecked } from '../support/oracle';
import { tempDir } from '../support/synth';

/** Compose Specification files (docker compose): converted to what docker stack deploy reads, each key accounted for. */

function importSpec(text: string, options: { profiles?: string[]; baseDir?: string } = {}) {
  const app = new App();
  const stack = ComposeStack.fromString(app, 's', text, { fileName: 'compose.yaml', environment: {}, ...options });
  return { stack, ...renderChecked(app), notes: stack.notes.map(formatNote) };
}

test('a file with version 3.x, or valid v3.13 without version, is read exactly as before (format v3)', () => {
  const dir = tempDir();
  try {
    expect(loadComposeText('version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n', { file: 'c.yml', dir }).format).toBe('v3');
    expect(loadComposeText('services:\n  web:\n    image: nginx:1.27\n', { file: 'c.yml', dir }).format).toBe('v3');
    expect(loadComposeText('services:\n  web:\n    image: nginx:1.27\n    pull_policy: always\n', { file: 'c.yml', dir }).format).toBe('spec');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('profiles: services of a profile are imported only when it is enabled, like docker compose', () => {
  const text = 'services:\n  web:\n    image: nginx:1.27\n  debug:\n    image: busybox:1.36\n    profiles: [debug, tools]\n';
  const off = importSpec(text);
  expect(Object.keys(off.stack.services)).toEqual(['web']);
  expect(off.notes).toContain(
    'services.debug.profiles: dropped: not imported: its profiles debug, tools are not enabled (like docker compose; enable with --profile debug)',
  );
  const on = importSpec(text, { profiles: ['tools'] });
  expect(Object.keys(on.stack.services).sort()).toEqual(['debug', 'web']);
  expect(on.notes).toContain('services.debug.profiles: info: imported: profile tools is enabled');
});

test('long depends_on: each condition says what it becomes; a step others wait to complete becomes a Job', () => {
  const { stack, notes, compose } = importSpec(`services:
  api:
    image: example/api:1
    expose: ["8080"]
    depends_on:
      db: {condition: service_healthy}
      migrate: {condition: service_completed_successfully, restart: true}
  migrate:
    image: example/api:1
    command: ["migrate"]
  db:
    image: postgres:16
`);
  expect(stack.services.migrate).toBeInstanceOf(Job);
  expect(compose.services.migrate.deploy!.mode).toBe('replicated-job');
  expect(
    notes,
  ).toContain('services.migrate: changed: api waits for it to complete (service_completed_successfully): imported as a Job (Swarm replicated-job) ' +
    'that runs to completion; neither target makes the others wait for it');
  expect(notes.find((n) => n.startsWith('services.api.depends_on.db: dropped: condition service_healthy'))).toContain('init container');
  // A completion step is no server: no "cannot reach it by name" warning for it.
  expect(notes.some((n) => n.startsWith('services.migrate: warning'))).toBe(false);
});

test('scale, mem_limit, cpus and mem_reservation map as docker compose maps them; deploy wins; pids_limit is dropped', () => {
  const { compose, notes } = importSpec(`services:
  w:
    image: example/w:1
    scale: 3
    mem_limit: 512m
    mem_reservation: 128m
    cpus: 0.5
    pids_limit: 100
  x:
    image: example/x:1
    scale: 2
    deploy: {replicas: 4}
`);
  expect(compose.services.w.deploy!.replicas).toBe(3);
  expect(compose.services.w.deploy!.resources).toEqual({ limits: { cpus: '0.5', memory: '512M' }, reservations: { memory: '128M' } });
  expect(notes.some((n) => n.startsWith('services.w.pids_limit: dropped'))).toBe(true);
  expect(compose.services.x.deploy!.replicas).toBe(4);
  expect(notes).toContain('services.x.scale: dropped: deploy.replicas is set too, and wins (as in docker compose)');
  expect(notes).toContain('services.w.mem_limit: info: mapped as deploy.resources.limits.memory');
});

test('every other key docker stack deploy does not read is named in a note, at every depth', () => {
  const { notes } = importSpec(`name: proj
services:
  web:
    image: nginx:1.27
    pull_policy: always
    develop: {watch: [{action: sync, path: ./web, target: /srv}]}
    ports:
      - {target: 80, published: "8080", name: http, app_protocol: http}
    healthcheck:
      test: ["CMD", "true"]
      start_interval: 2s
`);
  for (const key of ['pull_policy', 'develop', 'ports[0].name', 'ports[0].app_protocol']) {
    expect(notes).toContain(
      `services.web.${key}: dropped: a Compose Specification key that docker stack deploy does not read, with no form in the model`,
    );
  }
  expect(notes).toContain('name: dropped: the Compose project name: the stack name comes from --name, or the file\'s name or directory');
  expect(notes.some((n) => n.startsWith('services.web.healthcheck.start_interval: dropped'))).toBe(true);
});

test('long env_file entries: an optional missing file is skipped, as docker compose does', () => {
  const dir = tempDir();
  try {
    fs.writeFileSync(path.join(dir, 'a.env'), 'A=1\n');
    const { compose, notes } = importSpec(
      'services:\n  w:\n    image: example/w:1\n    env_file:\n      - path: a.env\n      - path: missing.env\n        required: false\n',
      { baseDir: dir },
    );
    expect(compose.services.w.environment).toEqual({ A: '1' });
    expect(notes).toContain('services.w.env_file[1]: info: optional and missing (missing.env): skipped, as docker compose does');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
