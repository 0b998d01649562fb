/**
 * The Compose key behind each model field of one service, recorded by the
 * planner as it maps a key, so that a problem, gap or risk the model finds
 * in a field (`resources.cpu.limit`, `ports[0].port`) is reported at the
 * key the user wrote (`deploy.resources.limits.cpus`, `ports`).
 */
export class ComposeKeys {
  private readonly byField = new Map<string, string>();

  /** `fields` (model prop paths) come from the Compose `key` (a dotted path under the service). */
  public record(key: string, ...fields: string[]): void {
    for (const field of fields) this.byField.set(field, key);
  }

  /**
   * The Compose key of a model field: that of the longest recorded field
   * it is or lies under (`ports` for `ports[2].port`); '' when none is.
   */
  public keyOf(field: string): string {
    let best: string | undefined;
    for (const recorded of this.byField.keys()) {
      const under = field === recorded || field.startsWith(`${recorded}.`) || field.startsWith(`${recorded}[`);
      if (under && (best === undefined || recorded.length > best.length)) best = recorded;
    }
    return best === undefined ? '' : this.byField.get(best)!;
  }
}
