// What the page tells the officer outside the form: the status line (saved, unsaved, saving)
// and the notice box with its choices.

import { documentToSend } from './document.js';
import { button, el } from './dom.js';
import { ui } from './state.js';
import { t } from './words.js';

// Whether the form holds something the file does not.
export function dirty() {
  return JSON.stringify(documentToSend()) !== ui.saved || !ui.exists;
}

export function updateStatus(text) {
  const status = document.getElementById('status');
  status.textContent = text || (!ui.exists ? t('new_file') : dirty() ? t('unsaved') : t('saved'));
}

export function notice(text, actions) {
  const box = document.getElementById('notice');
  const buttons = actions.map(([label, action]) => button(label, () => {
    hideNotice();
    action();
  }));
  buttons.push(button(t('close'), hideNotice));
  box.replaceChildren(el('p', { text }), ...buttons);
  box.hidden = false;
}

export function hideNotice() {
  const box = document.getElementById('notice');
  box.hidden = true;
  box.replaceChildren();
}
