// A step's artifacts: the file list from the API, each downloadable. Downloads go through fetch()
// with the bearer token (a plain link could not send it) and are handed to the browser as a Blob.

import { apiPath, describe, json, request } from './api.js';
import { h, replace } from './dom.js';

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function filePath(namespace, run, step, path) {
  // Each segment encoded on its own: the slashes of the file's path are part of the URL path.
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return `${apiPath(namespace, 'pipelineruns', run, 'steps', step, 'artifacts')}/${encoded}`;
}

async function download(namespace, run, step, path, status) {
  status.textContent = `Downloading ${path}…`;
  try {
    const response = await request(filePath(namespace, run, step, path));
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const anchor = h('a', { href: url, download: path.split('/').pop(), hidden: true });
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    // The browser has taken the file once the click has been handled.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = `Downloaded ${path} (${size(blob.size)})`;
  } catch (error) {
    status.textContent = `Download of ${path} failed: ${describe(error)}`;
  }
}

/** Fills container with the artifacts of one step (or why there are none). */
export async function showArtifacts(container, namespace, run, step, signal) {
  const status = h('p', { class: 'muted', role: 'status' });
  replace(container, h('p', { class: 'muted', text: 'Loading artifacts…' }));
  let list;
  try {
    list = await json(apiPath(namespace, 'pipelineruns', run, 'steps', step, 'artifacts'), { signal });
  } catch (error) {
    if (error.name === 'AbortError') return;
    replace(container, h('p', { class: error.status === 404 ? 'muted' : 'error', text: describe(error) }));
    return;
  }
  if (!list.items || list.items.length === 0) {
    replace(container, h('p', { class: 'muted', text: 'This step stored no files.' }));
    return;
  }
  const rows = list.items.map((item) =>
    h('tr', { 'data-artifact': item.path },
      h('td', {}, h('code', { text: item.path })),
      h('td', { class: 'num', text: size(item.size) }),
      h('td', {}, h('button', {
        type: 'button', class: 'secondary', 'aria-label': `Download ${item.path}`,
        onclick: () => download(namespace, run, step, item.path, status),
      }, 'Download'))));
  replace(container,
    h('table', { class: 'artifacts' },
      h('caption', { class: 'visually-hidden', text: `Artifacts of step ${step}` }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'File' }),
        h('th', { scope: 'col', class: 'num', text: 'Size' }), h('th', { scope: 'col', text: 'Action' }))),
      h('tbody', {}, rows)),
    status);
}
