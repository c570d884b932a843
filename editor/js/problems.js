// The problems the server found: at their fields and in a list, and a refused request's in
// words.

import { button, el } from './dom.js';
import { ui } from './state.js';
import { fieldWords, t } from './words.js';

export function controlFor(field) {
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

export function problemText(problem) {
  return problem.field ? `${fieldWords(problem.field)}: ${problem.message}` : problem.message;
}

// A refused request's problem answer (RFC 9457) in words: its diagnostics, each at its field,
// or else its detail.
export function refusalText(answer) {
  const diagnostics = (answer && answer.diagnostics) || [];
  if (diagnostics.length) return diagnostics.map(problemText).join('; ');
  return (answer && answer.detail) || '';
}

export function showProblems() {
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
    const item = el('li', {}, problem.field ? el('strong', { text: fieldWords(problem.field) }) : null, problem.field ? ': ' : null, words);
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
