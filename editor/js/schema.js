// The format's JSON Schema: what kind of control a value needs, the order of keys, and the
// smallest value of a kind. The rules of the form (multi-line texts, dates, choices, block
// kinds) are read from the schema, so the form cannot drift from validation.

import { ui } from './state.js';

export function resolve(schema) {
  let s = schema;
  while (s && s.$ref) {
    s = ui.schema.$defs[s.$ref.replace('#/$defs/', '')];
  }
  return s || {};
}

// What kind of control a schema asks for: {kind, schema, optional}.
export function shape(raw) {
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

// The document with keys in the schema's order (the YAML is written in this order) and keys
// the form does not know last.
export function ordered(value, raw) {
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

// The value a new object starts with: its required parts, empty.
export function skeleton(raw) {
  const schema = resolve(raw);
  const out = {};
  for (const name of schema.required || []) {
    const s = shape(schema.properties[name]);
    out[name] = s.kind === 'array' ? [] : s.kind === 'object' ? skeleton(s.schema) : s.kind === 'integer' ? 0 : '';
  }
  return out;
}

// The smallest value a schema allows that the officer can type into: empty text, a list with
// its least number of entries, an object with its required parts.
export function blank(raw) {
  const s = shape(raw);
  switch (s.kind) {
    case 'array':
      return Array.from({ length: s.schema.minItems || 0 }, () => blank(s.schema.items));
    case 'object':
      return skeleton(s.schema);
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return s.schema.default ?? false;
    default:
      return '';
  }
}
