// [Interop] The Open311 documents in XML, built with fast-xml-parser's XMLBuilder (no
// string concatenation): each JSON shape of the spec has one XML shape, a root element
// with one child per item (`<services><service>…`), nested lists wrapped the same way
// (`<attributes><attribute>…`, `<values><value>…`, `<formats><format>…`).
import { XMLBuilder } from 'fast-xml-parser';
import type {
  Open311Attribute,
  Open311Discovery,
  Open311Error,
  Open311Service,
} from '@jiesu/contracts';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  format: true,
  suppressEmptyNode: false,
  processEntities: true,
});

type Scalar = string | number | boolean | null | undefined;
type Tree = { [k: string]: Scalar | Tree | Tree[] | string[] };

/** Null as an empty element, booleans and numbers as their text. */
function scalars(o: Record<string, unknown>): Tree {
  const out: Tree = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === undefined) out[k] = '';
    else if (typeof v === 'boolean' || typeof v === 'number') out[k] = String(v);
    else out[k] = v as Tree;
  }
  return out;
}

function document(root: string, body: Tree): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    [root]: body,
  }) as string;
}

/** A list document: `<root><item>…</item>…</root>`. */
export function listXml(root: string, item: string, items: ReadonlyArray<object>): string {
  return document(root, { [item]: items.map((i) => scalars(i as Record<string, unknown>)) });
}

export const servicesXml = (items: Open311Service[]) => listXml('services', 'service', items);

export const errorsXml = (errors: Open311Error[]) => listXml('errors', 'error', errors);

export function discoveryXml(d: Open311Discovery): string {
  return document('discovery', {
    changeset: d.changeset,
    contact: d.contact,
    key_service: d.key_service,
    endpoints: {
      endpoint: d.endpoints.map((e) => ({
        specification: e.specification,
        url: e.url,
        changeset: e.changeset,
        type: e.type,
        formats: { format: e.formats },
      })),
    },
  });
}

export function definitionXml(d: { service_code: string; attributes: Open311Attribute[] }): string {
  return document('service_definition', {
    service_code: d.service_code,
    attributes: {
      attribute: d.attributes.map(({ values, ...a }) => ({
        ...scalars(a),
        values: { value: values.map((v) => scalars(v)) },
      })),
    },
  });
}
