// Cancel, rerun and resume of a run. The buttons are offered to everyone; the API decides with the
// reader's RBAC, and its answer (for example a 403 naming the missing permission) is shown as is.

import { apiPath, describe, json } from './api.js';
import { h, link } from './dom.js';

const TERMINAL = ['Succeeded', 'Failed', 'Cancelled'];

// A modal <dialog>: focus stays inside it, Escape closes it, and it needs no script in the page.
function confirmCancel(name) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { id: 'confirm-cancel', 'aria-labelledby': 'confirm-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'confirm-title', text: `Cancel run ${name}?` }),
        h('p', { text: 'Running steps are stopped and steps that have not started are skipped. This cannot be undone.' }),
        h('div', { class: 'actions' },
          h('button', { value: 'cancel', class: 'danger', id: 'confirm-yes', text: 'Cancel run' }),
          h('button', { value: 'keep', class: 'secondary', autofocus: true, text: 'Keep running' }))));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'cancel');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * The action buttons of a run. onChanged(run) receives the run the API returned after a cancel;
 * outcomes are written to message, which outlives the buttons.
 */
export function actionBar(namespace, run, onChanged, message) {
  const name = run.metadata.name;
  const phase = (run.status && run.status.phase) || 'Pending';
  const act = async (label, task) => {
    message.className = '';
    message.textContent = `${label}…`;
    try {
      await task();
    } catch (error) {
      message.className = 'error';
      message.textContent = `${label} failed: ${describe(error)}`;
    }
  };
  const post = (path, query) => json(apiPath(namespace, 'pipelineruns', name, path), { method: 'POST', query });

  const cancel = h('button', {
    type: 'button', id: 'cancel-run', class: 'danger', text: 'Cancel',
    disabled: TERMINAL.includes(phase) || Boolean(run.spec.cancelRequested),
    onclick: async () => {
      if (!(await confirmCancel(name))) return;
      await act('Cancel', async () => {
        onChanged(await post('cancel'));
        message.textContent = 'Cancellation requested; the controller is stopping the run.';
      });
    },
  });
  const rerun = h('button', {
    type: 'button', id: 'rerun-run', class: 'secondary', text: 'Rerun',
    onclick: () => act('Rerun', async () => {
      const created = await post('rerun');
      location.hash = link('runs', namespace, created.metadata.name);
    }),
  });
  const resume = h('button', {
    type: 'button', id: 'resume-run', class: 'secondary', text: 'Resume from failed steps',
    disabled: !['Failed', 'Cancelled'].includes(phase),
    onclick: () => act('Resume', async () => {
      const created = await post('rerun', { from: 'failed' });
      location.hash = link('runs', namespace, created.metadata.name);
    }),
  });
  return h('div', { class: 'actions', role: 'group', 'aria-label': 'Run actions' }, cancel, rerun, resume);
}
