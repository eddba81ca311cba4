// Small DOM helpers. Text always goes in through textContent (never innerHTML): run names, log lines
// and API messages are data, and data must never become markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

function fill(element, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') element.textContent = value;
    else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** An HTML element: h('a', {href: '#/runs', class: 'x'}, 'text', otherNode). */
export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element, same conventions as h(). */
export function s(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replaces everything inside element with children. */
export function replace(element, ...children) {
  element.replaceChildren();
  return fill(element, {}, children);
}

/** "1h 2m", "3m 4s", "5s"; "" without a start. */
export function duration(start, end) {
  if (!start) return '';
  const ms = (end ? Date.parse(end) : Date.now()) - Date.parse(start);
  if (!(ms >= 0)) return '';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${sec}s`;
  return `${sec}s`;
}

/** A timestamp in the reader's locale, or "" if absent. */
export function time(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString();
}

/** The CSS class of a run or step phase: "phase phase-running". */
export function phaseClass(phase) {
  return 'phase phase-' + String(phase || 'Pending').toLowerCase();
}

/** A phase badge. */
export function phaseBadge(phase) {
  return h('span', { class: phaseClass(phase), text: phase || 'Pending' });
}

/** Builds a hash link: link('runs', ns, name) -> "#/runs/ns/name", each part URL-encoded. */
export function link(...parts) {
  return '#/' + parts.map(encodeURIComponent).join('/');
}
