// One run: its header (with the matrix combination), actions, step graph, steps and artifacts.
// Polled until the run has ended; ended runs never change again.

import { actionBar } from './actions.js';
import { apiPath, describe, json, poll } from './api.js';
import { showArtifacts } from './artifacts.js';
import { drawDag } from './dag.js';
import { duration, h, link, phaseBadge, replace, time } from './dom.js';

const TERMINAL = ['Succeeded', 'Failed', 'Cancelled'];

/** The steps to draw: the run's pipeline snapshot, else the step states the controller wrote. */
export function stepsOf(run) {
  const status = run.status || {};
  if (status.pipelineSpec && status.pipelineSpec.steps) return status.pipelineSpec.steps;
  return (status.steps || []).map((step) => ({ name: step.name }));
}

function facts(run) {
  const status = run.status || {};
  const matrix = Object.entries(run.spec.matrixIndex || {});
  const rows = [
    ['Pipeline', run.spec.pipelineConfigRef],
    ['Branch', run.spec.branch],
    ['Commit', h('code', { text: run.spec.commit || '' })],
    ['Matrix', matrix.length === 0 ? null : h('span', { class: 'matrix' },
      matrix.map(([key, value]) => h('span', { class: 'chip', text: `${key}=${value}` })))],
    ['Triggered by', run.spec.triggeredBy],
    ['Started', time(status.startTime)],
    ['Duration', duration(status.startTime, status.completionTime)],
    ['Resumes', run.spec.resumeFrom ? h('a', { href: link('runs', run.metadata.namespace, run.spec.resumeFrom), text: run.spec.resumeFrom }) : null],
    ['Queue position', status.queuePosition],
  ];
  const condition = (status.conditions || []).find((c) => c.message);
  if (condition) rows.push(['Message', condition.message]);
  return h('dl', { class: 'facts' }, rows.filter(([, value]) => value !== null && value !== undefined && value !== '')
    .flatMap(([term, value]) => [h('dt', { text: term }), h('dd', {}, value)]));
}

function stepTable(run, namespace) {
  const status = Object.fromEntries(((run.status || {}).steps || []).map((st) => [st.name, st]));
  const rows = stepsOf(run).map((step) => {
    const st = status[step.name] || {};
    return h('tr', { 'data-step': step.name },
      h('th', { scope: 'row' }, h('a', { href: link('runs', namespace, run.metadata.name, 'steps', step.name), text: step.name })),
      h('td', {}, phaseBadge(st.phase)),
      h('td', { text: duration(st.startTime, st.completionTime) }),
      h('td', { class: 'num', text: st.exitCode ?? '' }),
      h('td', { text: [st.reason, st.message, st.reusedFrom ? `reused from ${st.reusedFrom}` : ''].filter(Boolean).join(': ') }));
  });
  return h('table', { class: 'steps' },
    h('caption', { class: 'visually-hidden', text: 'Steps' }),
    h('thead', {}, h('tr', {}, ['Step', 'Phase', 'Duration', 'Exit code', 'Reason']
      .map((name) => h('th', { scope: 'col', text: name })))),
    h('tbody', {}, rows));
}

/** The run view. */
export function runView(container, { params: [namespace, name] }) {
  const controller = new AbortController();
  const error = h('p', { id: 'run-error', class: 'error', role: 'alert' });
  const heading = h('h1', { id: 'view-title', tabindex: '-1' }, 'Run ', h('code', { text: name }));
  const header = h('div');
  const actions = h('div');
  const actionMessage = h('p', { id: 'action-message', role: 'status' });
  const graph = h('div', { class: 'dag-scroll', id: 'dag' });
  const steps = h('div', { class: 'table-scroll' });
  const artifacts = h('div', { id: 'artifacts' });
  const artifactSteps = new Set();
  container.append(
    h('nav', { 'aria-label': 'Breadcrumb', class: 'crumbs' },
      h('a', { href: '#/runs?ns=' + encodeURIComponent(namespace), text: 'Runs' }), ' › ', name),
    heading, error, header, actions, actionMessage,
    h('section', { 'aria-labelledby': 'graph-title' }, h('h2', { id: 'graph-title', text: 'Step graph' }), graph),
    h('section', { 'aria-labelledby': 'steps-title' }, h('h2', { id: 'steps-title', text: 'Steps' }), steps),
    h('section', { 'aria-labelledby': 'artifacts-title' }, h('h2', { id: 'artifacts-title', text: 'Artifacts' }), artifacts));

  const show = (run) => {
    const status = run.status || {};
    replace(heading, 'Run ', h('code', { text: name }), ' ', phaseBadge(status.phase));
    replace(header, facts(run));
    // The action bar is rebuilt only when what it offers changes, so its message stays readable.
    const key = `${status.phase}|${run.spec.cancelRequested}`;
    if (actions.dataset.key !== key) {
      actions.dataset.key = key;
      replace(actions, actionBar(namespace, run, show, actionMessage));
    }
    const stepStatus = Object.fromEntries((status.steps || []).map((st) => [st.name, st]));
    const list = stepsOf(run);
    replace(graph, list.length === 0
      ? h('p', { class: 'muted', text: 'The controller has not started this run yet.' })
      : drawDag(list, stepStatus, (step) => link('runs', namespace, name, 'steps', step)));
    replace(steps, stepTable(run, namespace));
    // Artifacts are listed once per step, when the controller has recorded that it stored some.
    for (const st of status.steps || []) {
      if ((st.artifactURLs || []).length > 0 && !artifactSteps.has(st.name)) {
        artifactSteps.add(st.name);
        const box = h('div', { class: 'step-artifacts', 'data-step': st.name });
        artifacts.append(h('h3', {}, 'Step ', h('code', { text: st.name })), box);
        showArtifacts(box, namespace, name, st.name, controller.signal);
      }
    }
    if (artifactSteps.size === 0) replace(artifacts, h('p', { class: 'muted', text: 'No step has stored artifacts yet.' }));
    else artifacts.querySelector(':scope > p.muted')?.remove();
    return !TERMINAL.includes(status.phase);
  };

  poll(async () => {
    try {
      const run = await json(apiPath(namespace, 'pipelineruns', name), { signal: controller.signal });
      error.textContent = '';
      return show(run);
    } catch (failure) {
      if (failure.name === 'AbortError') throw failure;
      error.textContent = describe(failure);
      return failure.status === 0 || failure.status >= 500;
    }
  }, controller.signal);
  return { title: `Run ${name}`, dispose: () => controller.abort() };
}
