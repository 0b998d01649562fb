import * as fs from 'fs';
import * as path from 'path';
import { IMAGE_V1, IMAGE_V2 } from '../apps/images';
import { runSync } from './run';

/** uid and gid of the test apps (the library's default non-root user). */
export const APP_UID = 10001;

/**
 * Builds the local test images (no registry is reachable): a root filesystem
 * holding only the static busybox and a link for each of its applets (sh,
 * httpd, wget, nc, ...), `/data` owned by the app user (a fresh named volume
 * copies the ownership of the image directory it is mounted on, so the
 * non-root app can write to it), `/tmp`, and `/etc/image-version` (1 or 2:
 * the two tags differ, for the rollout test). Imported with `docker import`.
 */
export function buildImages(busybox: string, workDir: string, env: NodeJS.ProcessEnv): string[] {
  const applets = runSync(busybox, ['--list']).stdout.split('\n').map((s) => s.trim()).filter(Boolean);
  const built: string[] = [];
  for (const [tag, version] of [[IMAGE_V1, '1'], [IMAGE_V2, '2']] as const) {
    const root = path.join(workDir, `rootfs-${version}`);
    fs.rmSync(root, { recursive: true, force: true });
    for (const d of ['bin', 'etc', 'tmp', 'data']) fs.mkdirSync(path.join(root, d), { recursive: true });
    fs.copyFileSync(busybox, path.join(root, 'bin', 'busybox'));
    fs.chmodSync(path.join(root, 'bin', 'busybox'), 0o755);
    for (const a of applets) if (a !== 'busybox' && !a.includes('/')) fs.symlinkSync('busybox', path.join(root, 'bin', a));
    fs.writeFileSync(path.join(root, 'etc', 'passwd'), `root:x:0:0:root:/root:/bin/sh\napp:x:${APP_UID}:${APP_UID}:app:/data:/bin/sh\n`);
    fs.writeFileSync(path.join(root, 'etc', 'group'), `root:x:0:\napp:x:${APP_UID}:\n`);
    fs.writeFileSync(path.join(root, 'etc', 'image-version'), `${version}\n`);
    fs.chmodSync(path.join(root, 'tmp'), 0o1777);
    fs.chownSync(path.join(root, 'data'), APP_UID, APP_UID);
    const tar = `${root}.tar`;
    runSync('tar', ['--numeric-owner', '-C', root, '-cf', tar, '.']);
    runSync('docker', ['import', '-c', 'ENV PATH=/bin', '-c', 'CMD ["sh"]', tar, tag], { env, timeoutMs: 120_000 });
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(tar, { force: true });
    built.push(tag);
  }
  return built;
}
