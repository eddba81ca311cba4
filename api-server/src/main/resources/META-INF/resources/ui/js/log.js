// One step: its state, its log and its artifacts. The log is read as a stream (follow=true), so a
// running step's lines appear as the step prints them; an archived log comes the same way, whole.
// Each line has an anchor (#L12) that links to it.

import { classes, plain, segments } from './ansi.js';
import { apiPath, describe, json, poll, POLL_MS, request } from './api.js';
import { showArtifacts } from './artifacts.js';
import { duration, h, link, phaseBadge, replace } from './dom.js';

const ENDED = ['Succeeded', 'Failed', 'Skipped'];

function sleep(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); });
  });
}

/** The step view. */
export function logView(container, { params: [namespace, name, step], anchor }) {
  const controller = new AbortController();
  const { signal } = controller;
  const lineHref = (n) => `${link('runs', namespace, name, 'steps', step)}#L${n}`;
  const heading = h('h1', { id: 'view-title', tabindex: '-1' }, 'Step ', h('code', { text: step }));
  const facts = h('p', { class: 'muted', id: 'step-facts' });
  const notice = h('p', { id: 'log-notice', role: 'status' });
  const log = h('div', { id: 'log', class: 'log', role: 'log', 'aria-live': 'off', 'aria-label': `Log of step ${step}` });
  const artifacts = h('div', { id: 'artifacts' }, h('p', { class: 'muted', text: 'Artifacts are listed once the step has ended.' }));
  container.append(
    h('nav', { 'aria-label': 'Breadcrumb', class: 'crumbs' },
      h('a', { href: '#/runs?ns=' + encodeURIComponent(namespace), text: 'Runs' }), ' › ',
      h('a', { href: link('runs', namespace, name), text: name }), ' › ', step),
    heading, facts, notice,
    h('section', { 'aria-labelledby': 'log-title' }, h('h2', { id: 'log-title', text: 'Log' }), log),
    h('section', { 'aria-labelledby': 'artifacts-title' }, h('h2', { id: 'artifacts-title', text: 'Artifacts' }), artifacts));

  let selected = anchor;
  let count = 0;
  let style = plain();
  let state = null; // the step's status as last read
  let artifactsShown = false;

  const highlight = () => {
    log.querySelector('.log-line.selected')?.classList.remove('selected');
    const line = selected ? document.getElementById(selected) : null;
    if (line && log.contains(line)) {
      line.classList.add('selected');
      line.scrollIntoView({ block: 'center' });
    }
  };

  const append = (texts) => {
    const fragment = document.createDocumentFragment();
    for (const text of texts) {
      count += 1;
      const result = segments(text, style);
      style = result.style;
      const content = h('span', { class: 'lt' },
        result.segments.map((seg) => (classes(seg) ? h('span', { class: classes(seg), text: seg.text }) : seg.text)));
      fragment.append(h('div', { class: 'log-line', id: `L${count}` },
        h('a', { class: 'ln', href: lineHref(count), 'aria-label': `Line ${count}`, text: String(count) }), content));
    }
    log.append(fragment);
    if (selected && !log.querySelector('.log-line.selected')) highlight();
  };

  const showStep = (run) => {
    state = ((run.status || {}).steps || []).find((st) => st.name === step) || { phase: 'Pending' };
    replace(heading, 'Step ', h('code', { text: step }), ' ', phaseBadge(state.phase));
    facts.textContent = [
      duration(state.startTime, state.completionTime) && `Duration ${duration(state.startTime, state.completionTime)}`,
      state.exitCode !== undefined && `exit code ${state.exitCode}`,
      state.reason, state.message, state.reusedFrom && `reused from run ${state.reusedFrom}`,
    ].filter(Boolean).join(' · ');
    if (ENDED.includes(state.phase) && !artifactsShown) {
      artifactsShown = true;
      showArtifacts(artifacts, namespace, name, step, signal);
    }
    return !ENDED.includes(state.phase);
  };
  const readRun = async () => showStep(await json(apiPath(namespace, 'pipelineruns', name), { signal }));

  // Reads the log from its start; after a reconnect the lines already shown are skipped.
  // Returns the last line if it had no newline yet.
  const stream = async () => {
    const response = await request(apiPath(namespace, 'pipelineruns', name, 'steps', step, 'logs'), {
      query: { follow: 'true' }, signal,
    });
    notice.textContent = `Log from ${response.headers.get('X-C8s-Log-Source') || 'the api-server'}.`;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let skip = count;
    let pending = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return pending;
      const parts = (pending + value).split('\n');
      pending = parts.pop();
      const fresh = parts.slice(Math.min(skip, parts.length));
      skip -= parts.length - fresh.length;
      if (fresh.length > 0) append(fresh);
    }
  };

  const follow = async () => {
    while (!signal.aborted) {
      let tail = null;
      try {
        tail = await stream();
      } catch (failure) {
        if (failure.name === 'AbortError') return;
        notice.textContent = describe(failure);
        if ([400, 401, 403].includes(failure.status)) return;
      }
      try {
        await readRun();
      } catch (failure) {
        if (failure.name === 'AbortError') return;
      }
      if (state && ENDED.includes(state.phase)) {
        if (tail !== null) {
          if (tail) append([tail]);
          notice.textContent += count === 0 ? ' The log is empty.' : ` End of log, ${count} lines.`;
        }
        return;
      }
      // Not started yet, or the stream ended while the step still runs: ask again shortly.
      await sleep(POLL_MS, signal);
    }
  };

  poll(readRun, signal);
  follow();
  return {
    title: `Step ${step} of ${name}`,
    dispose: () => controller.abort(),
    onAnchor: (next) => { selected = next; highlight(); },
  };
}
