import { checkLabelKey, checkLabelValue } from '../../model/names';
import { NodeRole, PlacementProps } from '../../model/placement';
import { Dict, isDict, under } from './context';
import { ServicePlanning } from './service-planning';
import { Draft } from './types';

/**
 * `deploy.placement` -> placement: node label (==) and node role
 * constraints, and spread preferences over node labels; the rest has no
 * Kubernetes node-affinity form in the model.
 */
export function planPlacement(s: ServicePlanning, p: Dict): void {
  const { ctx, kind } = s;
  const at = under(s.name, 'deploy', 'placement');
  const placement: Draft<PlacementProps> = {};
  (Array.isArray(p.constraints) ? p.constraints : []).forEach((raw, i) => {
    const text = String(raw);
    const keys = at('constraints', i);
    const label = /^\s*node\.labels\.(.+?)\s*(==|!=)\s*(.*?)\s*$/.exec(text);
    const role = /^\s*node\.role\s*(==|!=)\s*(manager|worker)\s*$/.exec(text);
    if (label && label[2] === '==') {
      const [, key, , value] = label;
      const bad = checkLabelKey(key) ?? checkLabelValue(value);
      if (bad) return ctx.note(keys, 'dropped', `"${text}": node label ${bad} (Kubernetes node labels)`);
      const labels: Record<string, string> = (placement.nodeLabels ??= {});
      if (key in labels && labels[key] !== value) return ctx.note(keys, 'dropped', `contradicts node.labels.${key} == ${labels[key]}`);
      labels[key] = value;
    } else if (role) {
      const isManager = (role[1] === '==') === (role[2] === 'manager');
      const r = isManager ? NodeRole.MANAGER : NodeRole.WORKER;
      if (placement.nodeRole !== undefined && placement.nodeRole !== r) return ctx.note(keys, 'dropped', 'contradicts another node.role constraint');
      placement.nodeRole = r;
      if (role[1] === '!=') ctx.note(keys, 'info', `"${text}" is the same as node.role == ${r}`);
    } else {
      const why = label ? ' (no != on labels: it has no Kubernetes node-affinity form in the model)' : '';
      ctx.note(keys, 'dropped', `"${text}": Conductor places by node labels (==) and node role only${why}`);
    }
  });
  (Array.isArray(p.preferences) ? p.preferences : []).forEach((pref, i) => {
    const spread = isDict(pref) && typeof pref.spread === 'string' ? pref.spread : '';
    const m = /^node\.labels\.(.+)$/.exec(spread.trim());
    if (!m || checkLabelKey(m[1])) return ctx.note(at('preferences', i), 'dropped',
      `spread over "${spread}": Conductor spreads over node labels only`);
    (placement.spreadBy ??= []).push(m[1]);
  });
  if (p.max_replicas_per_node !== undefined) {
    ctx.note(at('max_replicas_per_node'), 'dropped', kind === 'DaemonWorkload'
      ? 'a global service runs one task per node anyway'
      : 'not in the model (Kubernetes: pod anti-affinity / topology spread)');
  }
  if (placement.nodeLabels || placement.nodeRole || placement.spreadBy) s.props.placement = placement;
}
