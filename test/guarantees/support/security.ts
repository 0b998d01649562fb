/**
 * The documented security defaults (README, "security defaults"), checked
 * on the output: whatever the model's own resolution does, every container
 * must end up with these unless the app set the field explicitly.
 */
export const SECURITY_DEFAULTS = {
  user: 10001,
  group: 10001,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  addCapabilities: [] as string[],
  dropCapabilities: ['ALL'],
  seccompProfile: 'RuntimeDefault',
};

export type ExpectedSecurity = typeof SECURITY_DEFAULTS;

/** The defaults, with the fields the app set explicitly (`security` as given) in their place. */
export function expectedSecurity(given: Record<string, unknown> | undefined): ExpectedSecurity {
  const set = Object.fromEntries(Object.entries(given ?? {}).filter(([, v]) => v !== undefined));
  return { ...SECURITY_DEFAULTS, ...set } as ExpectedSecurity;
}

const sorted = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort();
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A Kubernetes container's securityContext against the expected settings. */
export function containerSecurityErrors(where: string, c: any, e: ExpectedSecurity): string[] {
  const sc = c?.securityContext ?? {};
  const errors: string[] = [];
  const want: Record<string, unknown> = {
    runAsNonRoot: e.user !== 0,
    runAsUser: e.user,
    runAsGroup: e.group,
    readOnlyRootFilesystem: e.readOnlyRootFilesystem,
    allowPrivilegeEscalation: e.allowPrivilegeEscalation,
    privileged: false,
  };
  for (const [k, v] of Object.entries(want)) if (sc[k] !== v) errors.push(
    `${where}: securityContext.${k} is ${JSON.stringify(sc[k])}, not ${JSON.stringify(v)}`,
  );
  if (!same(sorted(sc.capabilities?.drop), sorted(e.dropCapabilities))) errors.push(
    `${where}: capabilities.drop ${JSON.stringify(sc.capabilities?.drop)}`,
  );
  if (!same(sorted(sc.capabilities?.add), sorted(e.addCapabilities))) errors.push(
    `${where}: capabilities.add ${JSON.stringify(sc.capabilities?.add)}`,
  );
  // The pod-wide profile is RuntimeDefault; a container's own profile, when set, is what the kubelet applies.
  const seccomp = sc.seccompProfile?.type ?? 'RuntimeDefault';
  if (seccomp !== e.seccompProfile) errors.push(`${where}: effective seccompProfile ${seccomp}, not ${e.seccompProfile}`);
  return errors;
}

/** A Kubernetes pod template (of the main container's settings) against the expected settings. */
export function podSecurityErrors(where: string, pod: any, e: ExpectedSecurity, apiAccess: boolean): string[] {
  const psc = pod?.spec?.securityContext ?? {};
  const errors: string[] = [];
  const want: Record<string, unknown> = { runAsNonRoot: e.user !== 0, runAsUser: e.user, runAsGroup: e.group, fsGroup: e.group };
  for (const [k, v] of Object.entries(want)) if (psc[k] !== v) errors.push(
    `${where}: pod securityContext.${k} is ${JSON.stringify(psc[k])}, not ${JSON.stringify(v)}`,
  );
  // Pod-wide always RuntimeDefault: one container's Unconfined is its own (containerSecurityErrors).
  if (psc.seccompProfile?.type !== 'RuntimeDefault') errors.push(`${where}: pod seccompProfile ${JSON.stringify(psc.seccompProfile)}`);
  if (pod?.spec?.automountServiceAccountToken !== apiAccess) errors.push(
    `${where}: automountServiceAccountToken is ${pod?.spec?.automountServiceAccountToken}, not ${apiAccess}`,
  );
  return errors;
}

/** A Swarm service against the expected settings (a stack file has no allowPrivilegeEscalation or seccomp: README). */
export function serviceSecurityErrors(where: string, svc: any, e: ExpectedSecurity): string[] {
  const errors: string[] = [];
  if (svc?.user !== `${e.user}:${e.group}`) errors.push(`${where}: user ${JSON.stringify(svc?.user)}`);
  if (svc?.read_only !== e.readOnlyRootFilesystem) errors.push(`${where}: read_only ${JSON.stringify(svc?.read_only)}`);
  if (!same(sorted(svc?.cap_drop), sorted(e.dropCapabilities))) errors.push(`${where}: cap_drop ${JSON.stringify(svc?.cap_drop)}`);
  if (!same(sorted(svc?.cap_add), sorted(e.addCapabilities))) errors.push(`${where}: cap_add ${JSON.stringify(svc?.cap_add)}`);
  if (svc?.privileged !== undefined) errors.push(`${where}: privileged is set`);
  return errors;
}
