// The browser editor of `uppfoljning edit`: a form built from the format's JSON Schema, beside
// the report's pages as the server lays them out.
//
// The form edits one JSON value (`doc`) shaped like the YAML file. Every control is bound to a
// path in it; a change updates the value and asks the server for new pages. Text typed by the
// officer only ever goes into the DOM as text (textContent, value), never as markup.
'use strict';

const ui = {
  schema: null,
  labels: {},
  file: '',
  doc: null,
  base: null, // fingerprint of the file on disk the form's document matches
  saved: '', // the document as last loaded or saved, to tell unsaved changes
  exists: false,
  problems: [],
  ignoredDisk: undefined,
  // Preview scheduling: one request at a time, the latest document wins.
  inFlight: false,
  changedAt: null,
  timings: [], // milliseconds from a change to its pages shown (read by the browser test)
  previews: 0,
};
window.uppfoljning = ui;

// ---------------------------------------------------------------------------------------------
// Words

function t(key, values) {
  let text = ui.labels[key] ?? key;
  for (const [name, value] of Object.entries(values || {})) {
    text = text.replace(`{${name}}`, String(value));
  }
  return text;
}

function fieldLabel(key) {
  return ui.labels[`field.${key}`] ?? key;
}

function itemLabel(key) {
  return ui.labels[`item.${key}`] ?? fieldLabel(key).toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// The schema

function resolve(schema) {
  let s = schema;
  while (s && s.$ref) {
    s = ui.schema.$defs[s.$ref.replace('#/$defs/', '')];
  }
  return s || {};
}

// What kind of control a schema asks for: {kind, schema, optional}.
function shape(raw) {
  const schema = resolve(raw);
  const alternatives = schema.anyOf || schema.oneOf;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (alternatives && alternatives.every((a) => a.const !== undefined)) {
    return { kind: 'enum', values: alternatives.map((a) => a.const), schema };
  }
  if (alternatives) {
    const nonNull = alternatives.filter((a) => resolve(a).type !== 'null');
    const optional = nonNull.length < alternatives.length;
    if (nonNull.length === 1) {
      return { ...shape(nonNull[0]), optional };
    }
    if (nonNull.some((a) => resolve(a).type === 'string') && nonNull.some((a) => resolve(a).type === 'object')) {
      const objects = nonNull.map(resolve).filter((a) => a.type === 'object');
      if (objects.length > 1) {
        return { kind: 'block', variants: objects, schema, optional };
      }
      return { kind: 'text-or-object', object: objects[0], schema, optional };
    }
  }
  if (types.includes('number') && types.includes('string')) {
    return { kind: 'cell', schema, optional: types.includes('null') };
  }
  const type = types.find((x) => x !== 'null');
  return { kind: type || 'string', schema, optional: types.includes('null') };
}

// ---------------------------------------------------------------------------------------------
// The document

function pathText(path) {
  return path.reduce((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

// The schema's place of a path: indices become `[]`, so every section's heading is one key.
function keyText(path) {
  return pathText(path).replace(/\[\d+\]/g, '[]');
}

function getAt(path) {
  return path.reduce((value, part) => (value == null ? undefined : value[part]), ui.doc);
}

function setAt(path, value) {
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

// The document with keys in the schema's order (the YAML is written in this order) and keys
// the form does not know last.
function ordered(value, raw) {
  const s = shape(raw);
  if (Array.isArray(value)) {
    const items = s.kind === 'array' ? s.schema.items : undefined;
    return value.map((v) => (items ? ordered(v, items) : v));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  let schema = s.kind === 'object' ? s.schema : s.kind === 'text-or-object' ? s.object : null;
  if (s.kind === 'block') {
    const key = Object.keys(value)[0];
    schema = s.variants.find((v) => v.properties && v.properties[key]);
  }
  if (!schema || !schema.properties) {
    return value;
  }
  const out = {};
  for (const key of Object.keys(schema.properties)) {
    if (key in value) out[key] = ordered(value[key], schema.properties[key]);
  }
  for (const key of Object.keys(value)) {
    if (!(key in out)) out[key] = value[key];
  }
  return out;
}

function documentToSend() {
  return ordered(ui.doc, ui.schema);
}

// ---------------------------------------------------------------------------------------------
// Building the form

let nextId = 0;

function el(tag, attributes, ...children) {
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

function button(text, onClick, attributes) {
  return el('button', { type: 'button', class: 'small', text, on: { click: onClick }, ...attributes });
}

// A labelled control bound to `path`. `control` is the input element.
function labelled(path, labelText, control, { optional, help, check } = {}) {
  const id = `f${nextId++}`;
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

const MULTILINE = new Set(['finding', 'comment', 'text', 'alt', 'description', 'action']);
const DATES = new Set(['date', 'deadline']);
const PERIODS = new Set(['performed', 'supplier_summary_until', 'next']);
const CHOICES = { language: ['sv', 'en'] };

function textControl(path, key, s) {
  const value = getAt(path);
  const multiline = MULTILINE.has(key) || key === null;
  const control = multiline
    ? el('textarea', { rows: key === null ? 4 : 3, value: value == null ? '' : String(value) })
    : el('input', { type: 'text', value: value == null ? '' : String(value), autocomplete: 'off' });
  control.addEventListener('input', () => {
    const text = control.value;
    setAt(path, text === '' && s.optional ? undefined : text);
    changed();
  });
  return control;
}

function stringField(path, key, s) {
  if (CHOICES[key]) return choiceField(path, key, CHOICES[key], s);
  const help = DATES.has(key) ? t('date_hint') : PERIODS.has(key) ? t('period_hint') : key === null ? t('paragraph_hint') : undefined;
  return labelled(path, key === null ? fieldLabel('text') : fieldLabel(key), textControl(path, key, s), { optional: s.optional, help });
}

function choiceField(path, key, values, s) {
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
    changed();
  });
  return labelled(path, fieldLabel(key), select, { optional: s.optional });
}

function booleanField(path, key, s) {
  const fallback = s.schema.default ?? false;
  const current = getAt(path);
  const box = el('input', { type: 'checkbox', checked: current == null ? fallback : current === true || current === 'true' });
  box.addEventListener('change', () => {
    setAt(path, box.checked === fallback ? undefined : box.checked);
    changed();
  });
  return labelled(path, fieldLabel(key), box, { check: true });
}

// A whole number; what is not one is kept as typed, so the server names the problem.
function integerField(path, key, s) {
  const value = getAt(path);
  const control = el('input', { type: 'text', inputmode: 'numeric', value: value == null ? '' : String(value), autocomplete: 'off' });
  control.addEventListener('input', () => {
    const text = control.value.trim();
    setAt(path, text === '' ? (s.optional ? undefined : '') : asNumber(text, /^-?\d+$/));
    changed();
  });
  return labelled(path, fieldLabel(key), control, { optional: s.optional });
}

// Scores: one line of whole numbers.
function numbersField(path, key) {
  const value = getAt(path) || [];
  const control = el('input', { type: 'text', inputmode: 'numeric', value: value.join(', '), autocomplete: 'off' });
  control.addEventListener('input', () => {
    const parts = control.value.split(/[\s,;]+/).filter((p) => p !== '');
    setAt(path, parts.map((p) => asNumber(p, /^-?\d+$/)));
    changed();
  });
  return labelled(path, fieldLabel(key), control, { help: t('scores_hint') });
}

// Typed text as a number only if the number writes back as exactly that text: `0180`, `86.50`
// or a 30-digit reference stay text as typed, never re-read as 180, 86.5 or a rounded value.
function asNumber(text, form) {
  const number = Number(text);
  return form.test(text) && String(number) === text ? number : text;
}

function cellValue(text) {
  if (text === '') return '';
  const number = asNumber(text.trim(), /^-?\d+(\.\d+)?$/);
  return typeof number === 'number' ? number : text;
}

function cellInput(path, label, text) {
  const value = getAt(path);
  const input = el('input', { type: 'text', value: value == null ? '' : String(value), 'aria-label': label, autocomplete: 'off' });
  input.dataset.path = pathText(path);
  input.dataset.key = keyText(path);
  input.addEventListener('input', () => {
    setAt(path, text ? input.value : cellValue(input.value));
    changed();
  });
  return input;
}

function fieldFor(path, key, raw) {
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
function addObjectButton(path, key, schema) {
  const add = button(t('add_item', { item: fieldLabel(key).toLowerCase() }), () => {
    setAt(path, skeleton(schema));
    rebuild(path);
  });
  add.dataset.key = keyText(path);
  add.dataset.path = pathText(path);
  return el('div', { class: 'tools' }, add);
}

function objectField(path, key, s) {
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
      rebuild(path);
    })));
  }
  appendProperties(set, path, s.schema);
  return set;
}

function appendProperties(container, path, schema) {
  const value = getAt(path);
  for (const [name, raw] of Object.entries(schema.properties || {})) {
    const node = fieldFor([...path, name], name, raw);
    if (node) container.append(node);
  }
  appendUnknown(container, path, schema);
}

// Keys the schema does not have (a typo in a hand-written file): named, with a way out.
function appendUnknown(container, path, schema) {
  const value = getAt(path);
  for (const name of Object.keys(value || {})) {
    if (schema.properties && schema.properties[name]) continue;
    container.append(el('div', { class: 'tools' }, el('span', { class: 'error', text: t('unknown_key', { key: name }) }), button(t('remove'), () => {
      setAt([...path, name], undefined);
      rebuild(path);
    })));
  }
}

// The value a new object starts with: its required parts, empty.
function skeleton(raw) {
  const schema = resolve(raw);
  const out = {};
  for (const name of schema.required || []) {
    const s = shape(schema.properties[name]);
    out[name] = s.kind === 'array' ? [] : s.kind === 'object' ? skeleton(s.schema) : s.kind === 'integer' ? 0 : '';
  }
  return out;
}

// A quote: its text, and (in its long form) who said it and whether marks are added.
function textOrObject(path, key, s) {
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
    changed();
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
      control = MULTILINE.has(name) ? el('textarea', { rows: 3 }) : el('input', { type: 'text', autocomplete: 'off' });
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
function arrayField(path, key, s) {
  const items = shape(s.schema.items);
  if (key === 'scores') return numbersField(path, key);
  if (key === 'rows' || key === 'columns') return null; // part of the table grid
  let value = getAt(path);
  if (!Array.isArray(value)) {
    value = [];
    if (getAt(path) === undefined && !s.optional) setAt(path, value);
  }
  const set = el('fieldset', {}, el('legend', { text: fieldLabel(key) }));
  set.dataset.key = keyText(path);
  set.dataset.path = pathText(path);
  const item = itemLabel(key);
  value.forEach((entry, index) => {
    const entryPath = [...path, index];
    const head = itemTools(path, index, value.length, `${item} ${index + 1}`);
    if (items.kind === 'string') {
      const input = textControl(entryPath, key === 'list' ? 'list' : key, { optional: false });
      input.id = `f${nextId++}`;
      input.dataset.path = pathText(entryPath);
      input.dataset.key = keyText(entryPath);
      input.setAttribute('aria-label', `${fieldLabel(key)} ${index + 1}`);
      set.append(el('div', { class: 'row-line' }, input, ...head.children));
    } else if (items.kind === 'block') {
      set.append(blockField(entryPath, items, head));
    } else {
      const title = entry && typeof entry.heading === 'string' && entry.heading ? `: ${entry.heading}` : '';
      const inner = el('fieldset', {}, el('legend', { text: `${capitalise(item)} ${index + 1}${title}` }), head);
      inner.dataset.path = pathText(entryPath);
      appendProperties(inner, entryPath, items.schema);
      set.append(inner);
    }
  });
  if (items.kind === 'block') {
    set.append(addBlockTools(path));
  } else {
    const add = button(t('add_item', { item }), () => {
      const list = getAt(path) || [];
      list.push(items.kind === 'string' ? '' : skeleton(items.schema));
      setAt(path, list);
      rebuild([...path, list.length - 1]);
    });
    add.dataset.key = `${keyText(path)}[]`;
    set.append(el('div', { class: 'tools' }, add));
  }
  return set;
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function itemTools(path, index, length, name) {
  const move = (to) => () => {
    const list = getAt(path);
    const [entry] = list.splice(index, 1);
    list.splice(to, 0, entry);
    rebuild([...path, to], 'move');
  };
  const tools = el('div', { class: 'item-head' });
  const up = button('↑', move(index - 1), { 'aria-label': t('move_up_item', { item: name }), title: t('move_up'), disabled: index === 0 });
  const down = button('↓', move(index + 1), { 'aria-label': t('move_down_item', { item: name }), title: t('move_down'), disabled: index === length - 1 });
  const remove = button(t('remove'), () => {
    getAt(path).splice(index, 1);
    rebuild(path);
  }, { 'aria-label': t('remove_item', { item: name }) });
  tools.append(up, down, remove);
  return tools;
}

// ---------------------------------------------------------------------------------------------
// Blocks: paragraphs, quotes, subheadings, lists, tables, figures

function blockKind(value) {
  return typeof value === 'string' || value == null ? 'paragraph' : Object.keys(value)[0];
}

function blockField(path, items, head) {
  const kind = blockKind(getAt(path));
  const set = el('fieldset', {}, el('legend', { text: t(`block.${kind}`) }), head);
  set.dataset.path = pathText(path);
  if (kind === 'paragraph') {
    set.append(stringField(path, null, { optional: false }));
    return set;
  }
  const variant = items.variants.find((v) => v.properties && v.properties[kind]);
  if (!variant) return set;
  const inner = variant.properties[kind];
  if (kind === 'table') {
    set.append(tableField([...path, 'table'], shape(inner).schema));
  } else if (kind === 'figure') {
    appendProperties(set, [...path, kind], shape(inner).schema);
  } else {
    set.append(fieldFor([...path, kind], kind, inner));
  }
  return set;
}

function addBlockTools(path) {
  const id = `f${nextId++}`;
  const select = el('select', { id });
  select.dataset.key = `${keyText(path)}[]`;
  for (const kind of ['paragraph', 'quote', 'subheading', 'list', 'table', 'figure']) {
    select.append(el('option', { value: kind, text: t(`block.${kind}`) }));
  }
  const add = button(t('add'), () => {
    const list = getAt(path) || [];
    list.push(newBlock(select.value));
    setAt(path, list);
    rebuild([...path, list.length - 1]);
  });
  return el('div', { class: 'tools' }, el('label', { for: id, text: t('add_block') }), select, add);
}

function newBlock(kind) {
  switch (kind) {
    case 'quote':
      return { quote: '' };
    case 'subheading':
      return { subheading: '' };
    case 'list':
      return { list: [''] };
    case 'table':
      return { table: { columns: ['', ''], rows: [['', '']] } };
    case 'figure':
      return { figure: { image: '', alt: '' } };
    default:
      return '';
  }
}

// A table as a grid: column headings, rows of cells, the optional total row.
function tableField(path, schema) {
  const set = el('fieldset', {}, el('legend', { text: fieldLabel('table') }));
  set.dataset.key = keyText(path);
  set.dataset.path = pathText(path);
  set.append(fieldFor([...path, 'caption'], 'caption', schema.properties.caption));
  const table = getAt(path);
  table.columns = Array.isArray(table.columns) ? table.columns : [];
  table.rows = Array.isArray(table.rows) ? table.rows : [];
  const columns = table.columns.length;
  const grid = el('table', {});
  const headRow = el('tr', {});
  table.columns.forEach((_, c) => {
    const input = cellInput([...path, 'columns', c], t('column_heading', { n: c + 1 }), true);
    headRow.append(el('th', { scope: 'col' }, input));
  });
  headRow.append(el('td', {}, button(t('add_column'), () => {
    table.columns.push('');
    for (const row of table.rows) if (Array.isArray(row)) row.push('');
    if (Array.isArray(table.total)) table.total.push('');
    rebuild([...path, 'columns', table.columns.length - 1]);
  }, { 'data-key': `${keyText(path)}.columns` })));
  grid.append(headRow);
  table.rows.forEach((row, r) => {
    const line = el('tr', {});
    line.dataset.path = pathText([...path, 'rows', r]);
    (Array.isArray(row) ? row : []).forEach((_, c) => {
      line.append(el('td', {}, cellInput([...path, 'rows', r, c], t('cell', { row: r + 1, column: c + 1 }))));
    });
    const tools = itemTools([...path, 'rows'], r, table.rows.length, `${itemLabel('rows')} ${r + 1}`);
    line.append(el('td', {}, tools));
    grid.append(line);
  });
  if (Array.isArray(table.total)) {
    const line = el('tr', {});
    line.dataset.path = pathText([...path, 'total']);
    table.total.forEach((_, c) => line.append(el('td', {}, cellInput([...path, 'total', c], t('total_cell', { column: c + 1 })))));
    line.append(el('td', {}, button(t('remove_total'), () => {
      delete table.total;
      rebuild(path);
    })));
    grid.append(line);
  }
  set.append(el('div', { class: 'grid' }, grid));
  const removeColumns = table.columns.map((_, c) => button(t('remove_column', { n: c + 1 }), () => {
    table.columns.splice(c, 1);
    for (const row of table.rows) if (Array.isArray(row)) row.splice(c, 1);
    if (Array.isArray(table.total)) table.total.splice(c, 1);
    rebuild(path);
  }));
  const addRow = button(t('add_row'), () => {
    table.rows.push(Array(columns).fill(''));
    rebuild([...path, 'rows', table.rows.length - 1, 0]);
  });
  addRow.dataset.key = `${keyText(path)}.rows`;
  const tools = el('div', { class: 'tools' }, addRow);
  if (!Array.isArray(table.total)) {
    const addTotal = button(t('add_total'), () => {
      table.total = Array(columns).fill('');
      rebuild([...path, 'total', 0]);
    });
    addTotal.dataset.key = `${keyText(path)}.total`;
    tools.append(addTotal);
  }
  tools.append(...removeColumns);
  set.append(tools);
  return set;
}

// ---------------------------------------------------------------------------------------------
// The whole form

function build() {
  // The report's one-line facts together first, then each larger part in its own group, in
  // the order of the report.
  const facts = el('fieldset', {}, el('legend', { text: t('facts') }));
  const parts = [];
  for (const [name, raw] of Object.entries(ui.schema.properties)) {
    const node = fieldFor([name], name, raw);
    if (!node) continue;
    const simple = ['string', 'boolean', 'integer', 'enum'].includes(shape(raw).kind);
    if (simple) facts.append(node);
    else parts.push(node);
  }
  const unknown = el('div', {});
  appendUnknown(unknown, [], ui.schema);
  document.getElementById('form').replaceChildren(facts, ...parts, ...unknown.children);
  showProblems();
}

// Rebuilds the form after a change of structure (which it announces as a change), and puts
// the focus where the officer works.
function rebuild(focusPath, how) {
  const active = document.activeElement;
  const keep = how === 'move' && active ? active.getAttribute('aria-label') : null;
  build();
  changed();
  const target = pathText(focusPath);
  let node = null;
  if (keep) {
    const holder = document.querySelector(`[data-path="${CSS.escape(target)}"]`);
    node = holder && [...holder.querySelectorAll('button')].find((b) => !b.disabled && b.textContent === active.textContent);
  }
  node = node || document.querySelector(`[data-path="${CSS.escape(target)}"]:is(input, textarea, select, button)`)
    || document.querySelector(`[data-path="${CSS.escape(target)}"] :is(input, textarea, select)`)
    || document.querySelector(`[data-path^="${CSS.escape(target)}"]:is(input, textarea, select, button)`);
  if (node) node.focus();
}

// ---------------------------------------------------------------------------------------------
// Problems, at their fields and in a list

function controlFor(field) {
  if (!field) return null;
  let path = field;
  for (;;) {
    const exact = document.querySelector(`[data-path="${CSS.escape(path)}"]:is(input, textarea, select, button)`);
    if (exact) return exact;
    const inside = document.querySelector(`[data-path="${CSS.escape(path)}"] :is(input, textarea, select)`)
      || [...document.querySelectorAll('[data-path]:is(input, textarea, select)')].find((c) => c.dataset.path.startsWith(`${path}.`) || c.dataset.path.startsWith(`${path}[`));
    if (inside) return inside;
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    if (cut <= 0) return null;
    path = path.slice(0, cut);
  }
}

function problemText(problem) {
  return problem.field ? `${problem.field}: ${problem.message}` : problem.message;
}

function showProblems() {
  for (const node of document.querySelectorAll('.error.at-field')) node.remove();
  for (const node of document.querySelectorAll('[aria-invalid]')) {
    node.removeAttribute('aria-invalid');
    const described = (node.getAttribute('aria-describedby') || '').split(' ').filter((id) => !id.startsWith('err-'));
    if (described.length) node.setAttribute('aria-describedby', described.join(' '));
    else node.removeAttribute('aria-describedby');
  }
  const box = document.getElementById('problems');
  if (ui.problems.length === 0) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const list = el('ul', {});
  ui.problems.forEach((problem, index) => {
    const control = controlFor(problem.field);
    const words = [problem.message, ...(problem.hints || [])].join(' — ');
    const item = el('li', {}, problem.field ? el('code', { text: problem.field }) : null, problem.field ? ': ' : null, words);
    if (control) {
      const id = `err-${index}`;
      const message = el('p', { class: 'error at-field', id, text: [problem.message, ...(problem.hints || [])].join(' — ') });
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
      const wrapper = control.closest('.field, .row-line, td') || control.parentNode;
      wrapper.after(message);
      item.append(' ', button(t('go_to_field'), () => control.focus(), { class: 'link' }));
    }
    list.append(item);
  });
  const count = ui.problems.length === 1 ? t('problems_count_one') : t('problems_count_many', { n: ui.problems.length });
  box.replaceChildren(el('h3', { text: `${t('problems_title')}: ${count}` }), list);
  box.hidden = false;
}

// ---------------------------------------------------------------------------------------------
// The pages

function changed() {
  if (ui.changedAt === null) ui.changedAt = performance.now();
  updateStatus();
  if (!ui.inFlight) preview();
}

async function preview() {
  ui.inFlight = true;
  const started = ui.changedAt;
  ui.changedAt = null;
  try {
    const response = await post('/api/preview', { document: documentToSend(), have: [...shownPages.keys()] });
    if (response.ok) {
      const result = await response.json();
      await showPages(result);
      ui.problems = result.problems;
      showProblems();
      if (started !== null) ui.timings.push(performance.now() - started);
      ui.previews += 1;
    }
  } finally {
    ui.inFlight = false;
    if (ui.changedAt !== null) preview();
  }
}

// The pages on show, by hash: the blob: URL of each SVG.
const shownPages = new Map();

async function showPages(result) {
  const holder = document.getElementById('pages');
  const existing = new Map([...holder.querySelectorAll('img')].map((img) => [img.dataset.hash, img]));
  const total = result.pages.length;
  const fresh = [];
  const reused = new Set();
  const images = result.pages.map((page, index) => {
    const alt = t('page_alt', { n: index + 1, total });
    let img = existing.get(page.hash);
    if (img && !reused.has(img)) {
      reused.add(img);
      img.alt = alt;
      return img;
    }
    if (!shownPages.has(page.hash) && page.svg) {
      shownPages.set(page.hash, URL.createObjectURL(new Blob([page.svg], { type: 'image/svg+xml' })));
    }
    img = el('img', { src: shownPages.get(page.hash), alt, width: Math.round(page.width), height: Math.round(page.height) });
    img.dataset.hash = page.hash;
    fresh.push(img);
    return img;
  });
  // New pages decode before they replace the old, so the preview never flickers.
  await Promise.all(fresh.map((img) => img.decode().catch(() => {})));
  holder.replaceChildren(...images);
  const kept = new Set(result.pages.map((page) => page.hash));
  for (const [hash, url] of shownPages) {
    if (!kept.has(hash)) {
      URL.revokeObjectURL(url);
      shownPages.delete(hash);
    }
  }
  ui.pages = result.pages.map(({ svg, ...page }) => page);
  holder.classList.toggle('is-stale', result.stale);
  const stale = document.getElementById('stale');
  stale.hidden = !result.stale;
  stale.textContent = t('stale');
  document.getElementById('page-count').textContent = total === 1 ? t('pages_one') : t('pages_many', { n: total });
}

// ---------------------------------------------------------------------------------------------
// Saving, downloading, the file on disk

function post(url, body) {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
}

function dirty() {
  return JSON.stringify(documentToSend()) !== ui.saved || !ui.exists;
}

function updateStatus(text) {
  const status = document.getElementById('status');
  status.textContent = text || (!ui.exists ? t('new_file') : dirty() ? t('unsaved') : t('saved'));
}

async function save(overwrite) {
  updateStatus(t('saving'));
  let base = ui.base;
  if (overwrite) base = (await (await fetch('/api/disk')).json()).base;
  const document_ = documentToSend();
  const response = await post('/api/save', { document: document_, base });
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
    notice(`${t('save_failed')} ${result.problems.map(problemText).join('; ')}`, []);
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
  updateStatus(dirty() ? t('unsaved') : t('saved_at', { time }));
}

async function download() {
  const response = await post('/api/pdf', { document: documentToSend() });
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

function notice(text, actions) {
  const box = document.getElementById('notice');
  const buttons = actions.map(([label, action]) => button(label, () => {
    hideNotice();
    action();
  }));
  buttons.push(button(t('close'), hideNotice));
  box.replaceChildren(el('p', { text }), ...buttons);
  box.hidden = false;
}

function hideNotice() {
  const box = document.getElementById('notice');
  box.hidden = true;
  box.replaceChildren();
}

async function watchDisk() {
  try {
    const response = await fetch('/api/disk');
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

async function loadFromDisk() {
  const response = await fetch('/api/state');
  const state = await response.json();
  if (!response.ok) {
    notice(`${t('load_failed')} ${state.problems.map(problemText).join('; ')}`, []);
    return;
  }
  open(state);
}

function open(state) {
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
  changed();
}

async function start() {
  const response = await fetch('/api/state');
  const state = await response.json();
  if (!response.ok) {
    document.getElementById('form').replaceChildren(el('p', { class: 'error', text: state.problems.map(problemText).join('; ') }));
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
