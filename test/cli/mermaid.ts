/**
 * A structural check of Mermaid flowchart text, strict about what a
 * renderer chokes on: a `flowchart` header; `subgraph`/`end` balanced;
 * every node defined exactly once, with a known shape whose brackets
 * balance around one quoted label; every edge between defined nodes;
 * no reserved word or subgraph id used as a node id; nothing else.
 * Returns the problems; empty when well formed.
 */
export function mermaidProblems(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  if (!/^flowchart (LR|RL|TB|TD|BT)$/.test(lines[0] ?? '')) problems.push(`line 1: expected "flowchart <direction>", got "${lines[0]}"`);
  const defined = new Map<string, number>();
  const subgraphs = new Set<string>();
  const edges: { from: string; to: string; line: number }[] = [];
  let depth = 0;
  const ID = '[A-Za-z][A-Za-z0-9_]*';
  // Shapes: open, close. The label is one double-quoted string without raw quotes inside.
  const SHAPES: [string, string][] = [
    ['((', '))'],
    ['([', '])'],
    ['[(', ')]'],
    ['[/', '/]'],
    ['[\\', '\\]'],
    ['{{', '}}'],
    ['[[', ']]'],
    ['[', ']'],
    ['(', ')'],
    ['{', '}'],
  ];
  const LABEL = '"[^"]*"';
  const ARROW = '(?:-->|-\\.->|---|==>)';
  lines.slice(1).forEach((raw, i) => {
    const n = i + 2;
    const line = raw.trim();
    if (line === '' || line.startsWith('%%')) return;
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^subgraph (${ID})\\[(${LABEL})\\]$`).exec(line))) {
      if (subgraphs.has(m[1]) || defined.has(m[1])) problems.push(`line ${n}: subgraph id ${m[1]} is not unique`);
      subgraphs.add(m[1]);
      depth++;
      return;
    }
    if (line === 'end') {
      depth--;
      if (depth < 0) problems.push(`line ${n}: "end" without "subgraph"`);
      return;
    }
    if (/^direction (LR|RL|TB|TD|BT)$/.test(line)) return;
    if ((m = new RegExp(`^(${ID}) ${ARROW}(?:\\|(${LABEL})\\|)? (${ID})$`).exec(line))) {
      edges.push({ from: m[1], to: m[3], line: n });
      return;
    }
    const id = new RegExp(`^(${ID})`).exec(line)?.[1];
    const rest = id ? line.slice(id.length) : '';
    const shape = SHAPES.find(
      ([open, close]) => rest.startsWith(open) && rest.endsWith(close) && new RegExp(`^${LABEL}$`).test(
        rest.slice(open.length, rest.length - close.length),
      ),
    );
    if (!id || !shape) {
      problems.push(`line ${n}: neither a node, an edge, a subgraph nor "end": ${line}`);
      return;
    }
    if (['end', 'subgraph', 'graph', 'flowchart', 'style', 'class', 'classDef', 'click', 'linkStyle'].includes(
      id,
    )) problems.push(`line ${n}: reserved word "${id}" used as a node id`);
    if (/^[ox]/.test(id)) problems.push(`line ${n}: node id "${id}" starts with o or x (read as an edge end after "--")`);
    if (defined.has(id) || subgraphs.has(id)) problems.push(`line ${n}: node ${id} defined twice (first on line ${defined.get(id) ?? 'a subgraph'})`);
    else defined.set(id, n);
  });
  if (depth !== 0) problems.push(`subgraph/end unbalanced (depth ${depth} at the end)`);
  for (const e of edges) {
    for (const end of [e.from, e.to]) if (!defined.has(end)) problems.push(`line ${e.line}: edge to undefined node ${end}`);
  }
  return problems;
}
