// Making elements. Text only ever goes in as text (textContent, value), never as markup.

import { keyText, pathText } from './document.js';
import { t } from './words.js';

let nextId = 0;

// A fresh element id.
export function newId() {
  return `f${nextId++}`;
}

export function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (name === 'value') node.value = value;
    else if (name === 'checked') node.checked = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child) node.append(child);
  }
  return node;
}

export function button(text, onClick, attributes) {
  return el('button', { type: 'button', class: 'small', text, on: { click: onClick }, ...attributes });
}

// A labelled control bound to `path`. `control` is the input element.
export function labelled(path, labelText, control, { optional, help, check } = {}) {
  const id = newId();
  control.id = id;
  control.dataset.path = pathText(path);
  control.dataset.key = keyText(path);
  const label = el('label', { for: id }, labelText);
  if (optional && !check) label.append(' ', el('span', { class: 'optional', text: `(${t('optional')})` }));
  const wrapper = el('div', { class: check ? 'field check' : 'field' });
  let helpNode = null;
  if (help) {
    helpNode = el('span', { class: 'help', id: `${id}-help`, text: help });
    control.setAttribute('aria-describedby', helpNode.id);
  }
  if (check) wrapper.append(control, label);
  else wrapper.append(label, control);
  if (helpNode) wrapper.append(helpNode);
  return wrapper;
}
