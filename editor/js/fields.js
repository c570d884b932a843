// The form's controls, one per kind of value the schema describes.

import { getAt, keyText, pathText, setAt } from './document.js';
import { button, el, labelled, newId } from './dom.js';
import { emit } from './events.js';
import { shape, skeleton } from './schema.js';
import { ui } from './state.js';
import { fieldLabel, itemLabel, t } from './words.js';

// A list of blocks (paragraphs, quotes, tables, figures) is drawn by blocks.js, which is built
// on these fields; main.js hands it over here, so the two do not import each other.
let blocks = null;
export function drawBlocksWith(module) {
  blocks = module;
}

export function textControl(path, key, s) {
  const value = getAt(path);
  const multiline = key === null || s.schema?.['x-multiline'] === true;
  const control = multiline
    ? el('textarea', { rows: key === null ? 4 : 3, value: value == null ? '' : String(value) })
    : el('input', { type: 'text', value: value == null ? '' : String(value), autocomplete: 'off' });
  control.addEventListener('input', () => {
    const text = control.value;
    setAt(path, text === '' && s.optional ? undefined : text);
    emit('changed');
  });
  return control;
}

export function stringField(path, key, s) {
  const hints = { date: 'date_hint', period: 'period_hint' };
  const hint = key === null ? 'paragraph_hint' : hints[s.schema?.format];
  const help = hint ? t(hint) : undefined;
  return labelled(path, key === null ? fieldLabel('text') : fieldLabel(key), textControl(path, key, s), { optional: s.optional, help });
}

export function choiceField(path, key, values, s) {
  const current = getAt(path);
  const select = el('select', {});
  if (s.optional) select.append(el('option', { value: '', text: ui.labels[`${key}.default`] ?? t('none') }));
  for (const value of values) {
    select.append(el('option', { value, text: ui.labels[`${key}.${value}`] ?? value }));
  }
  if (current != null && !values.includes(current)) select.append(el('option', { value: current, text: String(current) }));
  select.value = current == null ? '' : String(current);
  select.addEventListener('change', () => {
    setAt(path, select.value === '' ? undefined : select.value);
    emit('changed');
  });
  return labelled(path, fieldLabel(key), select, { optional: s.optional });
}

export function booleanField(path, key, s) {
  const fallback = s.schema.default ?? false;
  const current = getAt(path);
  const box = el('input', { type: 'checkbox', checked: current == null ? fallback : current === true || current === 'true' });
  box.addEventListener('change', () => {
    setAt(path, box.checked === fallback ? undefined : box.checked);
    emit('changed');
  });
  return labelled(path, fieldLabel(key), box, { check: true });
}

// A whole number; what is not one is kept as typed, so the server names the problem.
export function integerField(path, key, s) {
  const value = getAt(path);
  const control = el('input', { type: 'text', inputmode: 'numeric', value: value == null ? '' : String(value), autocomplete: 'off' });
  control.addEventListener('input', () => {
    const text = control.value.trim();
    // A fraction goes as the number it is, so the server's problem is the command line's
    // ("3.5 is not a whole number"), not one about quotes the officer never typed.
    setAt(path, text === '' ? (s.optional ? undefined : '') : asNumber(text, /^-?\d+(\.\d+)?$/));
    emit('changed');
  });
  return labelled(path, fieldLabel(key), control, { optional: s.optional });
}

// Scores: one line of whole numbers.
export function numbersField(path, key) {
  const value = getAt(path) || [];
  const control = el('input', { type: 'text', inputmode: 'numeric', value: value.join(', '), autocomplete: 'off' });
  control.addEventListener('input', () => {
    const parts = control.value.split(/[\s,;]+/).filter((p) => p !== '');
    setAt(path, parts.map((p) => asNumber(p, /^-?\d+(\.\d+)?$/)));
    emit('changed');
  });
  return labelled(path, fieldLabel(key), control, { help: t('scores_hint') });
}

// Typed text as a number only if the number writes back as exactly that text: `0180`, `86.50`
// or a 30-digit reference stay text as typed, never re-read as 180, 86.5 or a rounded value.
export function asNumber(text, form) {
  const number = Number(text);
  return form.test(text) && String(number) === text ? number : text;
}

export function cellValue(text) {
  if (text === '') return '';
  const number = asNumber(text.trim(), /^-?\d+(\.\d+)?$/);
  return typeof number === 'number' ? number : text;
}

export function cellInput(path, label, text) {
  const value = getAt(path);
  const input = el('input', { type: 'text', value: value == null ? '' : String(value), 'aria-label': label, autocomplete: 'off' });
  input.dataset.path = pathText(path);
  input.dataset.key = keyText(path);
  input.addEventListener('input', () => {
    setAt(path, text ? input.value : cellValue(input.value));
    emit('changed');
  });
  return input;
}

export function fieldFor(path, key, raw) {
  const s = shape(raw);
  switch (s.kind) {
    case 'string':
      return stringField(path, key, s);
    case 'boolean':
      return booleanField(path, key, s);
    case 'integer':
    case 'number':
      return integerField(path, key, s);
    case 'enum':
      return choiceField(path, key, s.values, s);
    case 'text-or-object':
      return textOrObject(path, key, s);
    case 'object':
      return objectField(path, key, s);
    case 'array':
      return arrayField(path, key, s);
    default:
      return stringField(path, key, s);
  }
}

// An optional object that is absent: a button that adds it with its required parts.
export function addObjectButton(path, key, schema) {
  const add = button(t('add_item', { item: fieldLabel(key).toLowerCase() }), () => {
    setAt(path, skeleton(schema));
    emit('rebuild', path);
  });
  add.dataset.key = keyText(path);
  add.dataset.path = pathText(path);
  return el('div', { class: 'tools' }, add);
}

export function objectField(path, key, s) {
  const value = getAt(path);
  if (value == null || typeof value !== 'object') {
    if (s.optional) return addObjectButton(path, key, s.schema);
    setAt(path, skeleton(s.schema));
  }
  const set = el('fieldset', {}, el('legend', { text: fieldLabel(key) }));
  set.dataset.key = keyText(path);
  set.dataset.path = pathText(path);
  if (s.optional) {
    set.append(el('div', { class: 'item-head' }, button(t('remove_item', { item: fieldLabel(key).toLowerCase() }), () => {
      setAt(path, undefined);
      emit('rebuild', path);
    })));
  }
  appendProperties(set, path, s.schema);
  return set;
}

export function appendProperties(container, path, schema) {
  const value = getAt(path);
  for (const [name, raw] of Object.entries(schema.properties || {})) {
    const node = fieldFor([...path, name], name, raw);
    if (node) container.append(node);
  }
  appendUnknown(container, path, schema);
}

// Keys the schema does not have (a typo in a hand-written file): named, with a way out.
export function appendUnknown(container, path, schema) {
  const value = getAt(path);
  for (const name of Object.keys(value || {})) {
    if (schema.properties && schema.properties[name]) continue;
    container.append(el('div', { class: 'tools' }, el('span', { class: 'error', text: t('unknown_key', { key: name }) }), button(t('remove'), () => {
      setAt([...path, name], undefined);
      emit('rebuild', path);
    })));
  }
}

// A quote: its text, and (in its long form) who said it and whether marks are added.
export function textOrObject(path, key, s) {
  const set = el('fieldset', {}, el('legend', { text: fieldLabel(key) }));
  set.dataset.key = keyText(path);
  set.dataset.path = pathText(path);
  const current = () => {
    const v = getAt(path);
    return typeof v === 'object' && v !== null ? { ...v } : { text: v == null ? '' : String(v) };
  };
  const store = (object) => {
    const keys = Object.keys(object).filter((k) => object[k] !== undefined);
    setAt(path, keys.length === 1 && keys[0] === 'text' ? object.text : object);
    emit('changed');
  };
  for (const [name, raw] of Object.entries(s.object.properties)) {
    const ps = shape(raw);
    const value = current()[name];
    let control;
    if (ps.kind === 'boolean') {
      const fallback = ps.schema.default ?? false;
      control = el('input', { type: 'checkbox', checked: value == null ? fallback : value === true });
      control.addEventListener('change', () => store({ ...current(), [name]: control.checked === fallback ? undefined : control.checked }));
    } else {
      control = ps.schema['x-multiline'] ? el('textarea', { rows: 3 }) : el('input', { type: 'text', autocomplete: 'off' });
      control.value = value == null ? '' : String(value);
      const required = (s.object.required || []).includes(name);
      control.addEventListener('input', () => store({ ...current(), [name]: control.value === '' && !required ? undefined : control.value }));
    }
    const optional = !(s.object.required || []).includes(name);
    set.append(labelled([...path, name], fieldLabel(name), control, { optional, check: ps.kind === 'boolean' }));
    // The text is the quote itself in the short form, so problems about it name the quote.
    if (name === 'text') control.dataset.path = pathText(path);
  }
  return set;
}

// Lists: each entry with buttons to move and remove it, and one to add an entry.
export function arrayField(path, key, s) {
  const items = shape(s.schema.items);
  if (key === 'scores') return numbersField(path, key);
  if (key === 'rows' || key === 'columns') return null; // part of the table grid
  // A list the file does not have stays out of the document until an entry is added, so that
  // opening and saving a file adds nothing to it.
  const value = Array.isArray(getAt(path)) ? getAt(path) : [];
  const set = el('fieldset', {}, el('legend', { text: fieldLabel(key) }));
  set.dataset.key = keyText(path);
  set.dataset.path = pathText(path);
  const item = itemLabel(key);
  value.forEach((entry, index) => {
    const entryPath = [...path, index];
    const head = itemTools(path, index, value.length, `${item} ${index + 1}`);
    if (items.kind === 'string') {
      const input = textControl(entryPath, key === 'list' ? 'list' : key, { optional: false });
      input.id = newId();
      input.dataset.path = pathText(entryPath);
      input.dataset.key = keyText(entryPath);
      input.setAttribute('aria-label', `${fieldLabel(key)} ${index + 1}`);
      set.append(el('div', { class: 'row-line' }, input, ...head.children));
    } else if (items.kind === 'block') {
      set.append(blocks.blockField(entryPath, items, head));
    } else {
      const title = entry && typeof entry.heading === 'string' && entry.heading ? `: ${entry.heading}` : '';
      const inner = el('fieldset', {}, el('legend', { text: `${capitalise(item)} ${index + 1}${title}` }), head);
      inner.dataset.path = pathText(entryPath);
      appendProperties(inner, entryPath, items.schema);
      set.append(inner);
    }
  });
  if (items.kind === 'block') {
    set.append(blocks.addBlockTools(path, items));
  } else {
    const add = button(t('add_item', { item }), () => {
      const list = getAt(path) || [];
      list.push(items.kind === 'string' ? '' : skeleton(items.schema));
      setAt(path, list);
      emit('rebuild', [...path, list.length - 1]);
    });
    add.dataset.key = `${keyText(path)}[]`;
    set.append(el('div', { class: 'tools' }, add));
  }
  return set;
}

export function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function itemTools(path, index, length, name) {
  const move = (to) => () => {
    const list = getAt(path);
    const [entry] = list.splice(index, 1);
    list.splice(to, 0, entry);
    emit('rebuild', [...path, to], 'move');
  };
  const tools = el('div', { class: 'item-head' });
  const up = button('↑', move(index - 1), { 'aria-label': t('move_up_item', { item: name }), title: t('move_up'), disabled: index === 0 });
  const down = button('↓', move(index + 1), { 'aria-label': t('move_down_item', { item: name }), title: t('move_down'), disabled: index === length - 1 });
  const remove = button(t('remove'), () => {
    getAt(path).splice(index, 1);
    emit('rebuild', path);
  }, { 'aria-label': t('remove_item', { item: name }) });
  tools.append(up, down, remove);
  return tools;
}
