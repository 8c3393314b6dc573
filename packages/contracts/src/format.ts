// Message templating, kept apart from the schemas so that pages which only show
// text (the resident's pages) do not load the schema library.

/** Fills `{name}` placeholders in a catalogue string. */
export function fmt(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
