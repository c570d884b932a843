// The preview: one request at a time, the latest document wins, the pages shown without flicker.

import { post } from './api.js';
import { documentToSend } from './document.js';
import { el } from './dom.js';
import { emit } from './events.js';
import { notice, updateStatus } from './notice.js';
import { ui } from './state.js';
import { t } from './words.js';

export function changed() {
  if (ui.changedAt === null) ui.changedAt = performance.now();
  updateStatus();
  if (!ui.inFlight) preview();
}

export async function preview() {
  ui.inFlight = true;
  const started = ui.changedAt;
  ui.changedAt = null;
  try {
    const response = await post('api/preview', { document: documentToSend(), have: [...shownPages.keys()] });
    if (!response.ok) throw new Error(`the preview was answered ${response.status}`);
    const result = await response.json();
    await showPages(result);
    ui.problems = result.problems;
    emit('problems');
    if (started !== null) ui.timings.push(performance.now() - started);
    ui.previews += 1;
  } catch {
    // The server was stopped (or refuses): say so, and keep the form as it is to copy from.
    notice(t('server_gone'), []);
    updateStatus(t('server_gone_status'));
  } finally {
    ui.inFlight = false;
    if (ui.changedAt !== null) preview();
  }
}

// The pages on show, by hash: the blob: URL of each SVG.
export const shownPages = new Map();

export async function showPages(result) {
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
