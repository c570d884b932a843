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

// A field's path as the form names it: `findings.items[1].deadline` is "Iakttagelser och
// åtgärder › Iakttagelse 2 › Senast", with the form's own labels and items counted from 1.
export function fieldWords(field) {
  const words = [];
  for (const part of field.split('.')) {
    const [, key, indices] = part.match(/^([^[]*)((?:\[\d+\])*)$/) || [null, part, ''];
    const numbers = [...indices.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]) + 1);
    const block = ui.labels[`block.${key}`];
    if (numbers.length === 0) {
      words.push(block ?? fieldLabel(key));
      continue;
    }
    const item = itemLabel(key);
    words.push(`${item.charAt(0).toUpperCase()}${item.slice(1)} ${numbers[0]}`);
    // A cell: row and column.
    for (const n of numbers.slice(1)) words.push(`${ui.labels['field.column'] ?? 'kolumn'} ${n}`);
  }
  return words.join(' › ');
}
