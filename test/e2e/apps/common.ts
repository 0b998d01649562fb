import type { LifecycleProps, RolloutProps } from '../../../lib';

/**
 * A main process that idles and exits at once on SIGTERM (a plain `sleep`
 * as pid 1 ignores SIGTERM, so every stop would wait for the grace period).
 */
export const IDLE = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'];

/** Short stops: busybox httpd as pid 1 does not handle SIGTERM either. */
export const QUICK_STOP: LifecycleProps = { stopGracePeriod: '1s' };

/**
 * A 1s update monitor: `docker stack deploy --detach=false` waits out every
 * service's monitor period, one service after the other (the default is 30s).
 */
export const FAST_ROLLOUT: RolloutProps = { monitor: '1s' };

/** The existing secret the suite creates with `docker secret create` before deploying. */
export const TOKEN_SECRET = 'e2e-token';
export const TOKEN_VALUE = 's3cr3t-token-for-e2e';
