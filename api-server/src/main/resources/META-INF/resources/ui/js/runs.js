// The runs of a namespace, filtered by pipeline, branch and phase, refreshed every few seconds.
// Rows are updated in place, so keyboard focus and scrolling survive each refresh.

import { apiPath, describe, json, poll, session } from './api.js';
import { duration, h, link, phaseClass, replace, time } from './dom.js';

const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Cancelled'];
const MAX_RUNS = 100;
const MAX_PAGES = 10;

// branch (and a lagging phase label) are filtered while the API reads, so a page may hold fewer
// runs than asked for and still continue (docs/api.md, "Pagination"): follow it, within limits.
async function fetchRuns(namespace, filter, signal) {
  const items = [];
  let next;
  for (let page = 0; page < MAX_PAGES && items.length < MAX_RUNS; page++) {
    const list = await json(apiPath(namespace, 'pipelineruns'), {
      query: { ...filter, limit: MAX_RUNS, continue: next }, signal,
    });
    items.push(...list.items);
    next = list.metadata && list.metadata.continue;
    if (!next) break;
  }
  const created = (run) => run.metadata.creationTimestamp || '';
  return items.sort((a, b) => created(b).localeCompare(created(a)) || a.metadata.name.localeCompare(b.metadata.name));
}

function cells(run, namespace) {
  const status = run.status || {};
  const phase = status.phase || 'Pending';
  return [
    h('a', { href: link('runs', namespace, run.metadata.name), text: run.metadata.name }),
    run.spec.pipelineConfigRef || '',
    run.spec.branch || '',
    h('code', { text: (run.spec.commit || '').slice(0, 10) }),
    h('span', {
      class: phaseClass(phase) + (run.spec.cancelRequested && !status.completionTime ? ' cancelling' : ''),
      text: phase,
    }),
    time(status.startTime || run.metadata.creationTimestamp),
    duration(status.startTime, status.completionTime),
    run.spec.triggeredBy || '',
  ];
}

function updateRow(row, run, namespace) {
  const values = cells(run, namespace);
  values.forEach((value, i) => {
    const cell = row.cells[i] || row.appendChild(h(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}));
    const text = value instanceof Node ? value.outerHTML : value;
    // Only touch cells that changed: replacing the focused link would lose the reader's place.
    if (cell.dataset.value !== text) {
      cell.dataset.value = text;
      replace(cell, value);
    }
  });
  row.dataset.phase = (run.status && run.status.phase) || 'Pending';
}

function filterForm(namespace, query) {
  const field = (id, label, input) => h('div', { class: 'field' }, h('label', { for: id, text: label }), input);
  const text = (id, name) => h('input', { id, name, value: query.get(name) || '', autocomplete: 'off', spellcheck: 'false' });
  const phase = h('select', { id: 'filter-phase', name: 'phase' },
    h('option', { value: '', text: 'Any phase' }),
    PHASES.map((p) => h('option', { value: p, text: p, selected: query.get('phase') === p })));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter runs' },
    field('filter-pipeline', 'Pipeline', text('filter-pipeline', 'pipeline')),
    field('filter-branch', 'Branch', text('filter-branch', 'branch')),
    field('filter-phase', 'Phase', phase),
    h('button', { type: 'submit', text: 'Filter' }),
    h('a', { href: '#/runs?ns=' + encodeURIComponent(namespace), class: 'button-link', text: 'Clear' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams({ ns: namespace });
    for (const name of ['pipeline', 'branch', 'phase']) {
      const value = form.elements[name].value.trim();
      if (value) params.set(name, value);
    }
    location.hash = '#/runs?' + params;
  });
  return form;
}

/** The runs list view. */
export function runsView(container, { query }) {
  const namespace = query.get('ns') || session.namespace();
  session.setNamespace(namespace);
  const filter = { pipelineConfig: query.get('pipeline'), branch: query.get('branch'), phase: query.get('phase') };
  const controller = new AbortController();
  const error = h('p', { id: 'runs-error', class: 'error', role: 'alert' });
  const summary = h('p', { id: 'runs-summary', class: 'muted', text: 'Loading runs…' });
  const body = h('tbody');
  const table = h('table', { id: 'runs', class: 'runs' },
    h('caption', { class: 'visually-hidden', text: `Pipeline runs in namespace ${namespace}` }),
    h('thead', {}, h('tr', {}, ['Run', 'Pipeline', 'Branch', 'Commit', 'Phase', 'Started', 'Duration', 'Triggered by']
      .map((name) => h('th', { scope: 'col', text: name })))),
    body);
  container.append(
    h('h1', { id: 'view-title', tabindex: '-1' }, 'Runs in ', h('code', { text: namespace })),
    filterForm(namespace, query), error, summary, h('div', { class: 'table-scroll' }, table));

  const rows = new Map();
  poll(async () => {
    try {
      const runs = await fetchRuns(namespace, filter, controller.signal);
      error.textContent = '';
      const seen = new Set(runs.map((run) => run.metadata.name));
      for (const [name, row] of rows) {
        if (!seen.has(name)) {
          row.remove();
          rows.delete(name);
        }
      }
      runs.forEach((run, index) => {
        const name = run.metadata.name;
        const row = rows.get(name) || h('tr', { 'data-run': name });
        rows.set(name, row);
        updateRow(row, run, namespace);
        // Moved only when out of place: moving the row that holds focus would drop the focus.
        if (body.children[index] !== row) body.insertBefore(row, body.children[index] || null);
      });
      summary.textContent = runs.length === 0
        ? 'No runs match.'
        : `${runs.length}${runs.length >= MAX_RUNS ? '+' : ''} runs, newest first; updated ${new Date().toLocaleTimeString()}`;
    } catch (failure) {
      if (failure.name === 'AbortError') throw failure;
      error.textContent = describe(failure);
      summary.textContent = '';
      // Wrong input (400) or no right to list (403) will not fix itself: stop asking.
      return failure.status !== 400 && failure.status !== 403 && failure.status !== 401;
    }
    return true;
  }, controller.signal);
  return { title: `Runs in ${namespace}`, dispose: () => controller.abort() };
}
