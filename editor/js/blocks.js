// Blocks of running text (paragraph, quote, subheading, list, table, figure) and the table grid.

import { api } from './api.js';
import { getAt, keyText, pathText, setAt } from './document.js';
import { button, el, newId } from './dom.js';
import { emit } from './events.js';
import { appendProperties, cellInput, fieldFor, itemTools, stringField } from './fields.js';
import { refusalText } from './problems.js';
import { blank, shape } from './schema.js';
import { fieldLabel, itemLabel, t } from './words.js';

// Blocks: paragraphs, quotes, subheadings, lists, tables, figures
export function blockKind(value) {
  return typeof value === 'string' || value == null ? 'paragraph' : Object.keys(value)[0];
}

export function blockField(path, items, head) {
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
    set.append(imageChooser([...path, kind, 'image']));
  } else {
    set.append(fieldFor([...path, kind], kind, inner));
  }
  return set;
}

// A file chooser for a figure's image: the file chosen is placed beside the report under
// bilder/ by the server (the checks of a hand-placed image; never over another file) and the
// figure names it.
function imageChooser(path) {
  const id = newId();
  const input = el('input', { id, type: 'file', accept: 'image/png,image/jpeg,image/svg+xml' });
  const status = el('p', { class: 'help', role: 'status' });
  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (!file) return;
    status.textContent = t('image_placing');
    const headers = { 'Content-Type': 'application/octet-stream', 'X-Uppfoljning-File-Name': encodeURIComponent(file.name) };
    const response = await api('api/image', { method: 'POST', headers, body: file });
    const result = await response.json().catch(() => ({}));
    if (!response.ok) {
      status.textContent = `${t('image_failed')} ${refusalText(result)}`;
      return;
    }
    setAt(path, result.path);
    emit('rebuild', path);
  });
  return el('div', { class: 'field' }, el('label', { for: id, text: t('choose_image') }), input, status);
}

// The kinds of block the schema names: a paragraph (its text alone) and one kind per variant.
export function blockKinds(items) {
  return ['paragraph', ...items.variants.flatMap((variant) => Object.keys(variant.properties || {}))];
}

export function addBlockTools(path, items) {
  const id = newId();
  const select = el('select', { id });
  select.dataset.key = `${keyText(path)}[]`;
  for (const kind of blockKinds(items)) {
    select.append(el('option', { value: kind, text: t(`block.${kind}`) }));
  }
  const add = button(t('add'), () => {
    const list = getAt(path) || [];
    list.push(newBlock(select.value, items));
    setAt(path, list);
    emit('rebuild', [...path, list.length - 1]);
  });
  return el('div', { class: 'tools' }, el('label', { for: id, text: t('add_block') }), select, add);
}

// A new block of `kind`: a table starts as a grid of two columns and one row, to be typed into;
// any other kind is the smallest value its schema allows.
export function newBlock(kind, items) {
  if (kind === 'paragraph') return '';
  if (kind === 'table') return { table: { columns: ['', ''], rows: [['', '']] } };
  const variant = items.variants.find((v) => v.properties && v.properties[kind]);
  return { [kind]: variant ? blank(variant.properties[kind]) : '' };
}

// A table as a grid: column headings, rows of cells, the optional total row.
export function tableField(path, schema) {
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
    emit('rebuild', [...path, 'columns', table.columns.length - 1]);
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
      emit('rebuild', path);
    })));
    grid.append(line);
  }
  set.append(el('div', { class: 'grid' }, grid));
  const removeColumns = table.columns.map((_, c) => button(t('remove_column', { n: c + 1 }), () => {
    table.columns.splice(c, 1);
    for (const row of table.rows) if (Array.isArray(row)) row.splice(c, 1);
    if (Array.isArray(table.total)) table.total.splice(c, 1);
    emit('rebuild', path);
  }));
  const addRow = button(t('add_row'), () => {
    table.rows.push(Array(columns).fill(''));
    emit('rebuild', [...path, 'rows', table.rows.length - 1, 0]);
  });
  addRow.dataset.key = `${keyText(path)}.rows`;
  const tools = el('div', { class: 'tools' }, addRow);
  if (!Array.isArray(table.total)) {
    const addTotal = button(t('add_total'), () => {
      table.total = Array(columns).fill('');
      emit('rebuild', [...path, 'total', 0]);
    });
    addTotal.dataset.key = `${keyText(path)}.total`;
    tools.append(addTotal);
  }
  tools.append(...removeColumns);
  set.append(tools);
  return set;
}
