import { HealthCheck } from '../health';
import { isPortNumber } from '../ports';
import type { ProblemCollector } from '../problems';
import type { WorkloadBase } from '../workload-base';

/**
 * An http or tcp check of a port the workload does not declare (no port's
 * targetPort, nor its port: that case is an error of the model): common
 * after a port change, when the check still probes the old port and the
 * workload never becomes healthy, on both targets.
 */
export function checkHealthPort(w: WorkloadBase, c: ProblemCollector): void {
  const check = w.givenProps.health?.check;
  if (!(check instanceof HealthCheck) || check.kind === 'command' || !isPortNumber(check.port)) return;
  const ports = w.ports;
  if (ports.some((p) => p.targetPort === check.port || p.port === check.port)) return;
  const declared = ports.length ? `it declares ${[...new Set(ports.map((p) => p.targetPort))].join(', ')}` : 'it declares no port';
  c.warning(w.node.path, 'health.check.port', `${check.kind} check of port ${check.port}, which the workload does not declare (${declared}): `
    + 'if nothing listens there the workload never becomes healthy; check a declared port, or declare this one');
}
