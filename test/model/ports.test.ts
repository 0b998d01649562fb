import { Exposure, PortProps, PublishMode, Workload } from '../../lib';
import { expectProblem, InvalidCase } from '../support/oracle';
import { newStack } from '../support/synth';

const bad = <T>(x: unknown) => x as T;
const RANGE = 'must be an integer from 1 to 65535';
const NAME = 'must be at most 15 lower-case letters, digits and "-", with at least one letter and no "--" (IANA service name)';
const ports = (...p: PortProps[]): InvalidCase[1] => (s) => new Workload(s, 'w', { image: 'busybox:1.36', ports: p });

const cases: InvalidCase[] = [
  ['port 0', ports({ port: 0 }), { path: 's/w', field: 'ports[0].port', rule: RANGE, value: 0 }],
  ['port 65536', ports({ port: 65536 }), { path: 's/w', field: 'ports[0].port', rule: RANGE, value: 65536 }],
  ['port fractional', ports({ port: 80.5 }), { path: 's/w', field: 'ports[0].port', rule: RANGE, value: 80.5 }],
  ['port a string', ports({ port: bad<number>('80') }), { path: 's/w', field: 'ports[0].port', rule: RANGE, value: '80' }],
  ['targetPort out of range (second port)', ports({ port: 80 }, { port: 81, targetPort: 70000 }), { path: 's/w', field: 'ports[1].targetPort', rule: RANGE, value: 70000 }],
  ['protocol sctp', ports({ port: 80, protocol: bad<'tcp'>('sctp') }), { path: 's/w', field: 'ports[0].protocol', rule: 'must be "tcp" or "udp"', value: 'sctp' }],
  ['exposure unknown', ports({ port: 80, exposure: bad<Exposure>('public') }), { path: 's/w', field: 'ports[0].exposure', rule: 'must be one of internal, node-port, load-balancer', value: 'public' }],
  ['publishMode unknown', ports({ port: 80, exposure: Exposure.LOAD_BALANCER, publishMode: bad<PublishMode>('bridge') }), { path: 's/w', field: 'ports[0].publishMode', rule: 'must be "ingress" or "host"', value: 'bridge' }],
  ['publishMode on an internal port', ports({ port: 80, publishMode: PublishMode.HOST }), { path: 's/w', field: 'ports[0].publishMode', rule: 'is only allowed on an exposed port (NODE_PORT or LOAD_BALANCER)', value: 'host' }],
  ['name upper case', ports({ port: 80, name: 'HTTP' }), { path: 's/w', field: 'ports[0].name', rule: NAME, value: 'HTTP' }],
  ['name longer than 15', ports({ port: 80, name: 'http-alternative' }), { path: 's/w', field: 'ports[0].name', rule: NAME, value: 'http-alternative' }],
  ['name without a letter', ports({ port: 80, name: '8080' }), { path: 's/w', field: 'ports[0].name', rule: NAME, value: '8080' }],
  ['nodePort without NODE_PORT', ports({ port: 80, exposure: Exposure.LOAD_BALANCER, nodePort: 30080 }), { path: 's/w', field: 'ports[0].nodePort', rule: 'is only allowed with exposure NODE_PORT', value: 30080 }],
  ['nodePort below the range', ports({ port: 80, exposure: Exposure.NODE_PORT, nodePort: 8080 }), { path: 's/w', field: 'ports[0].nodePort', rule: 'must be an integer from 30000 to 32767', value: 8080 }],
  ['nodePort above the range', ports({ port: 80, exposure: Exposure.NODE_PORT, nodePort: 32768 }), { path: 's/w', field: 'ports[0].nodePort', rule: 'must be an integer from 30000 to 32767', value: 32768 }],
  ['a port name twice', ports({ port: 80, name: 'http' }, { port: 81, name: 'http' }), { path: 's/w', field: 'ports[1]', rule: 'must not repeat a port name', value: 'http' }],
  ['a port number twice', ports({ port: 80, targetPort: 8080 }, { port: 80, targetPort: 8081, name: 'other' }), { path: 's/w', field: 'ports[1]', rule: 'must not repeat a port number and protocol', value: 80 }],
  ['a targetPort twice', ports({ port: 80, targetPort: 8080 }, { port: 81, targetPort: 8080 }), { path: 's/w', field: 'ports[1]', rule: 'must not repeat a targetPort and protocol', value: 8080 }],
];

describe('ports: bad input names path, field, rule and value', () => {
  test.each(cases)('%s', (_, build, expected) => {
    const { app, stack } = newStack('s');
    build(stack);
    expectProblem(app, expected);
  });

  test('the same number on tcp and udp is fine', () => {
    const { app, stack } = newStack('s');
    ports({ port: 53 }, { port: 53, protocol: 'udp' })(stack);
    expect(() => app.render()).not.toThrow();
  });

  test('a targetPort left out is not reported twice when the port is bad', () => {
    const { app, stack } = newStack('s');
    ports({ port: 0 })(stack);
    expect(() => app.render()).toThrow(/1 problem;/);
  });

  test('mixed exposures need room for "<name>-nodeport" in 63 characters', () => {
    const name = 'w'.repeat(55);
    const { app, stack } = newStack('s');
    new Workload(stack, name, { image: 'busybox:1.36', ports: [{ port: 80 }, { port: 81, exposure: Exposure.NODE_PORT }] });
    expectProblem(app, { path: `s/${name}`, field: 'name', rule: 'must be at most 54 characters when ports mix exposures', value: name });
  });
});
