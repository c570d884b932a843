// The form's document: a JSON value shaped like the YAML file, and paths into it.

import { ordered } from './schema.js';
import { ui } from './state.js';

export function pathText(path) {
  return path.reduce((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

// The schema's place of a path: indices become `[]`, so every section's heading is one key.
export function keyText(path) {
  return pathText(path).replace(/\[\d+\]/g, '[]');
}

export function getAt(path) {
  return path.reduce((value, part) => (value == null ? undefined : value[part]), ui.doc);
}

export function setAt(path, value) {
  let parent = ui.doc;
  for (const part of path.slice(0, -1)) {
    parent = parent[part];
  }
  const last = path[path.length - 1];
  if (value === undefined && !Array.isArray(parent)) {
    delete parent[last];
  } else {
    parent[last] = value;
  }
}

export function documentToSend() {
  return ordered(ui.doc, ui.schema);
}
