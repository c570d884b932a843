// The editor's own words, in the language the server chose.

import { ui } from './state.js';

export function t(key, values) {
  let text = ui.labels[key] ?? key;
  for (const [name, value] of Object.entries(values || {})) {
    text = text.replace(`{${name}}`, String(value));
  }
  return text;
}

export function fieldLabel(key) {
  return ui.labels[`field.${key}`] ?? key;
}

export function itemLabel(key) {
  return ui.labels[`item.${key}`] ?? fieldLabel(key).toLowerCase();
}
