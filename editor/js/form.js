// The whole form: built from the document, and rebuilt after a structural change.

import { pathText } from './document.js';
import { el } from './dom.js';
import { emit } from './events.js';
import { appendUnknown, fieldFor } from './fields.js';
import { showProblems } from './problems.js';
import { shape } from './schema.js';
import { ui } from './state.js';
import { t } from './words.js';

// The whole form
export function build() {
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
export function rebuild(focusPath, how) {
  const active = document.activeElement;
  const keep = how === 'move' && active ? active.getAttribute('aria-label') : null;
  build();
  emit('changed');
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
