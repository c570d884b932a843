// The editor of `uppfoljning edit`: a form built from the format's JSON Schema, beside the
// report's pages as the server lays them out. This module starts it.

import { api, connect } from './api.js';
import * as blocks from './blocks.js';
import { el } from './dom.js';
import { on } from './events.js';
import { drawBlocksWith } from './fields.js';
import { download, open, save, watchDisk } from './file.js';
import { rebuild } from './form.js';
import { dirty } from './notice.js';
import { changed } from './pages.js';
import { refusalText, showProblems } from './problems.js';
import { ui } from './state.js';
import { t } from './words.js';

// Who answers what the form announces.
drawBlocksWith(blocks);
on('changed', changed);
on('rebuild', rebuild);
on('problems', showProblems);

export async function start() {
  if (!(await connect())) {
    // The words are the page's own (served in the editor's language), as no label can be
    // fetched without the session.
    document.getElementById('form').replaceChildren(el('p', { class: 'error', text: document.getElementById('form').dataset.forbidden }));
    return;
  }
  const response = await api('api/state');
  const state = await response.json();
  if (!response.ok) {
    document.getElementById('form').replaceChildren(el('p', { class: 'error', text: refusalText(state) }));
    return;
  }
  ui.labels = state.labels;
  document.title = `${state.opened.file} – ${t('app_title')}`;
  document.getElementById('file').textContent = state.opened.file;
  document.getElementById('form-heading').textContent = t('form');
  document.getElementById('preview-heading').textContent = t('preview');
  const saveButton = document.getElementById('save');
  const downloadButton = document.getElementById('download');
  saveButton.textContent = t('save');
  downloadButton.textContent = t('download');
  saveButton.disabled = false;
  downloadButton.disabled = false;
  saveButton.addEventListener('click', () => save(false));
  downloadButton.addEventListener('click', download);
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      save(false);
    }
  });
  window.addEventListener('beforeunload', (event) => {
    if (dirty()) {
      event.preventDefault();
      event.returnValue = t('unsaved_leave');
    }
  });
  open(state);
  setInterval(watchDisk, 2000);
}

start();
