import { Config } from './config';
import { ProblemCollector } from './problems';
import { findStack, Resource } from './resource';
import { Secret } from './secret';
import { Volume } from './volume';

/** The kinds of resource a workload refers to. */
export type ReferenceKind = typeof Config | typeof Secret | typeof Volume;

/**
 * Reports a reference of one workload's `field` that is not a `kind` of its
 * stack; true when it is one. Handed to the env and mount checks as a
 * callback, so that they need no import of this file at run time.
 */
export type CheckReference = (field: string, r: unknown, kind: ReferenceKind) => boolean;

/**
 * The reference check of `workload`, reporting on `path`. A JavaScript
 * caller can pass a name (or anything) where a Config, Secret or Volume
 * belongs: that is a problem to report, not a crash. Each stack deploys on
 * its own, so a reference into another stack names nothing in the output.
 */
export function referenceChecker(c: ProblemCollector, path: string, workload: Resource): CheckReference {
  return (field, r, kind) => {
    if (!(r instanceof kind)) {
      const how = kind === Secret ? 'Secret.fromExisting or Secret.unsafePlaintext' : `new ${kind.name}(stack, name, ...)`;
      c.error(
        path,
        field,
        `must be a ${kind.name} defined in stack ${workload.stackName} (${how})${typeof r === 'string' ? '; a name alone defines nothing' : ''}`,
        r,
      );
      return false;
    }
    if (findStack(r) !== findStack(workload)) {
      c.error(path, field, `must belong to the same stack (${workload.stackName}); each stack deploys on its own`, r.node.path);
      return false;
    }
    return true;
  };
}
