// What the form announces: a field says the document changed, or that its structure did and the
// form must be rebuilt; the preview says it has new problems. Announcing does not need to know
// who listens (main.js connects them), so the modules import one another in one direction only.

const listeners = new Map();

// Calls `listener` with the arguments of every `emit(name, …)`.
export function on(name, listener) {
  listeners.set(name, [...(listeners.get(name) || []), listener]);
}

// Tells every listener of `name`.
export function emit(name, ...args) {
  for (const listener of listeners.get(name) || []) listener(...args);
}
