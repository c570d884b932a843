// Saving, downloading, and the file on disk changing underneath.

import { api, post } from './api.js';
import { documentToSend } from './document.js';
import { el } from './dom.js';
import { emit } from './events.js';
import { build } from './form.js';
import { dirty, hideNotice, notice, updateStatus } from './notice.js';
import { refusalText } from './problems.js';
import { ordered } from './schema.js';
import { ui } from './state.js';
import { t } from './words.js';

export async function save(overwrite) {
  updateStatus(t('saving'));
  let base = ui.base;
  if (overwrite) base = (await (await api('api/disk')).json()).base;
  const document_ = documentToSend();
  const response = await post('api/save', { document: document_, base });
  if (response.status === 409) {
    notice(t('save_conflict', { file: ui.file }), [
      [t('load_from_disk'), loadFromDisk],
      [t('overwrite'), () => save(true)],
    ]);
    updateStatus();
    return;
  }
  const result = await response.json();
  if (!response.ok) {
    notice(`${t('save_failed')} ${refusalText(result)}`, []);
    updateStatus();
    return;
  }
  ui.base = result.base;
  ui.ignoredDisk = undefined;
  ui.exists = true;
  ui.saved = JSON.stringify(document_);
  if (result.kept) notice(t('kept_original', { name: result.kept }), []);
  else hideNotice();
  const time = new Date().toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' });
  const saved = result.problems > 0 ? t('saved_with_problems', { time, count: result.problems }) : t('saved_at', { time });
  updateStatus(dirty() ? t('unsaved') : saved);
}

export async function download() {
  const response = await post('api/pdf', { document: documentToSend() });
  if (!response.ok) {
    notice(t('download_failed'), []);
    return;
  }
  const blob = await response.blob();
  const name = ui.file.replace(/\.ya?ml$/i, '') + '.pdf';
  const link = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}

export async function watchDisk() {
  try {
    const response = await api('api/disk');
    if (!response.ok) return;
    const { base } = await response.json();
    if (base === ui.base || base === ui.ignoredDisk) return;
    if (!base && !ui.exists) return;
    ui.ignoredDisk = base;
    notice(base ? t('disk_changed', { file: ui.file }) : t('disk_removed', { file: ui.file }), base
      ? [[t('load_from_disk'), loadFromDisk], [t('keep_mine'), () => {}]]
      : [[t('keep_mine'), () => {}]]);
  } catch {
    // The server was stopped; the page stays as it is.
  }
}

export async function loadFromDisk() {
  const response = await api('api/state');
  const state = await response.json();
  if (!response.ok) {
    notice(`${t('load_failed')} ${refusalText(state)}`, []);
    return;
  }
  open(state);
}

export function open(state) {
  ui.schema = state.schema;
  ui.labels = state.labels;
  ui.file = state.opened.file;
  ui.doc = state.opened.document;
  ui.base = state.opened.base;
  ui.exists = state.opened.exists;
  ui.ignoredDisk = undefined;
  ui.saved = JSON.stringify(ordered(ui.doc, ui.schema));
  ui.problems = [];
  build();
  emit('changed');
}
