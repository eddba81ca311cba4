// The run's steps as a graph: a layered layout of our own (column = longest path from a step
// without dependencies), drawn as SVG. Nodes are links, so Tab reaches them and Enter opens the log.

import { duration, s } from './dom.js';

const NODE_W = 176;
const NODE_H = 54;
const GAP_X = 56;
const GAP_Y = 18;
const PAD = 8;

/**
 * Edges of the pipeline: dependsOn, or, when no step declares any, list order (the steps then
 * run one after another; docs/semantics.md).
 */
export function edges(steps) {
  const names = new Set(steps.map((step) => step.name));
  if (!steps.some((step) => (step.dependsOn || []).length > 0)) {
    return steps.slice(1).map((step, i) => [steps[i].name, step.name]);
  }
  return steps.flatMap((step) =>
    (step.dependsOn || []).filter((dep) => names.has(dep)).map((dep) => [dep, step.name]));
}

/** Column (depth) and row of every step: {name: {column, row}}. */
export function layout(steps, graphEdges) {
  const parents = new Map(steps.map((step) => [step.name, []]));
  for (const [from, to] of graphEdges) parents.get(to).push(from);
  const depth = new Map();
  const visiting = new Set();
  const depthOf = (name) => {
    if (depth.has(name)) return depth.get(name);
    if (visiting.has(name)) return 0; // a cycle; validation rejects them, the drawing survives
    visiting.add(name);
    const d = Math.max(-1, ...parents.get(name).map(depthOf)) + 1;
    visiting.delete(name);
    depth.set(name, d);
    return d;
  };
  const rows = [];
  const positions = {};
  for (const step of steps) {
    const column = depthOf(step.name);
    rows[column] = (rows[column] || 0) + 1;
    positions[step.name] = { column, row: rows[column] - 1 };
  }
  return positions;
}

function truncate(text, max) {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/**
 * The SVG of the graph. status: {name: stepStatus}; href(name): where a node leads.
 */
export function drawDag(steps, status, href) {
  const graphEdges = edges(steps);
  const positions = layout(steps, graphEdges);
  const columns = Math.max(0, ...Object.values(positions).map((p) => p.column)) + 1;
  const rows = Math.max(0, ...Object.values(positions).map((p) => p.row)) + 1;
  const x = (name) => PAD + positions[name].column * (NODE_W + GAP_X);
  const y = (name) => PAD + positions[name].row * (NODE_H + GAP_Y);
  const width = 2 * PAD + columns * NODE_W + (columns - 1) * GAP_X;
  const height = 2 * PAD + rows * NODE_H + (rows - 1) * GAP_Y;

  const svg = s('svg', {
    class: 'dag', width, height, viewBox: `0 0 ${width} ${height}`, role: 'group',
    'aria-label': `Step graph, ${steps.length} steps`,
  });
  svg.append(s('defs', {}, s('marker', {
    id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto',
  }, s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'dag-arrow' }))));

  for (const [from, to] of graphEdges) {
    const x1 = x(from) + NODE_W;
    const y1 = y(from) + NODE_H / 2;
    const x2 = x(to);
    const y2 = y(to) + NODE_H / 2;
    const bend = (x2 - x1) / 2;
    svg.append(s('path', {
      class: 'dag-edge', 'data-from': from, 'data-to': to, 'marker-end': 'url(#arrow)',
      d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
    }));
  }

  for (const step of steps) {
    const st = status[step.name] || {};
    const phase = st.phase || 'Pending';
    const took = duration(st.startTime, st.completionTime);
    const detail = [phase, took, st.reusedFrom ? 'reused' : ''].filter(Boolean).join(' · ');
    const node = s('a', {
      href: href(step.name), class: `dag-node phase-${phase.toLowerCase()}`, 'data-step': step.name,
      'aria-label': `Step ${step.name}: ${detail}. Open its log`,
    },
    s('title', { text: `${step.name} (${detail})` }),
    s('rect', { x: x(step.name), y: y(step.name), width: NODE_W, height: NODE_H, rx: 6 }),
    s('text', { x: x(step.name) + 12, y: y(step.name) + 22, class: 'dag-name', text: truncate(step.name, 20) }),
    s('text', { x: x(step.name) + 12, y: y(step.name) + 41, class: 'dag-detail', text: truncate(detail, 26) }));
    svg.append(node);
  }
  return svg;
}
