import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from './synth';

/**
 * kubectl 1.27: `kubectl` on the PATH is 1.32; the 1.27 build sits beside
 * the file it links to, as `kubectl.1.27`.
 */
export function kubectl127(): string {
  const real = fs.realpathSync(execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim());
  return path.join(path.dirname(real), 'kubectl.1.27');
}

/** `kubectl kustomize DIR` with kubectl 1.27, parsed. */
export function kustomizeBuild(dir: string): KubeObject[] {
  const built = execFileSync(kubectl127(), ['kustomize', dir], { encoding: 'utf8' });
  return parseAllDocuments(built).map((d) => d.toJSON() as KubeObject);
}
