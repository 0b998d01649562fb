/** Issue 17, item 4: an http or tcp health check of a port the workload does not declare. */
import { App, HealthCheck, Stack, Workload } from '../../lib';
import type { WorkloadProps } from '../../lib';
import { problemsOf } from '../support/oracle';
import { BUSYBOX, warningsOf } from './support';

function checked(props: Partial<WorkloadProps>): App {
  const app = new App();
  new Workload(new Stack(app, 's'), 'web', { image: BUSYBOX, ...props });
  return app;
}

describe('health checks on an undeclared port', () => {
  test('after a port change: a warning for both targets naming the port and the declared ones', () => {
    const app = checked({ ports: [{ port: 80, targetPort: 8081 }], health: { check: HealthCheck.http('/healthz', { port: 8080, swarmCommand: 'wget' }) } });
    expect(warningsOf(app)).toEqual([{
      path: 's/web', field: 'health.check.port',
      message: 'http check of port 8080, which the workload does not declare (it declares 8081): if nothing listens there the workload never '
        + 'becomes healthy; check a declared port, or declare this one',
    }]);
  });

  test('a tcp check of a workload without ports', () => {
    expect(warningsOf(checked({ health: { check: HealthCheck.tcp(6379, { swarmCommand: 'nc' }) } }))).toEqual([{
      path: 's/web', field: 'health.check.port',
      message: 'tcp check of port 6379, which the workload does not declare (it declares no port): if nothing listens there the workload never '
        + 'becomes healthy; check a declared port, or declare this one',
    }]);
  });

  test('a declared container port, and a command check, are fine', () => {
    expect(warningsOf(checked({ ports: [{ port: 80, targetPort: 8080 }], health: { check: HealthCheck.http('/', { port: 8080, swarmCommand: 'wget' }) } }))).toEqual([]);
    expect(warningsOf(checked({ health: { check: HealthCheck.command(['true']) } }))).toEqual([]);
  });

  test('the Service port of a mapped port stays an error of the model (not a warning on top)', () => {
    const app = checked({ ports: [{ port: 80, targetPort: 8080 }], health: { check: HealthCheck.http('/', { port: 80, swarmCommand: 'wget' }) } });
    expect(problemsOf(app).problems).toEqual([{
      path: 's/web', field: 'health.check.port', value: 80,
      rule: 'must be a port the container listens on (a targetPort): 80 is the Service port of ports[0], whose container port is 8080',
    }]);
  });
});
