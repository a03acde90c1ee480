import * as z from 'zod/mini';

/**
 * The site's six highlight colours and what each means here, defined once: the model's choices, the colour picker,
 * the legend and the exporter all read this. (`hugo/layouts/shortcodes/matomeQuote.html` lists the same six for the
 * site side; a test keeps the two equal.)
 */
export const HighlightKind = z.enum(['none', 'insight', 'experience', 'counterpoint', 'data', 'humour', 'question']);
export type HighlightKind = z.infer<typeof HighlightKind>;
export type Highlight = Exclude<HighlightKind, 'none'>;

/**
 * `color` is the site's own, exact, for the export. On screen it only marks (a card's edge, a chip): Humour and
 * Counterpoint are near in colour, so each kind also has a symbol and its name, readable without colour.
 */
export const PALETTE: readonly { kind: Highlight; color: string; symbol: string }[] = [
  { kind: 'insight', color: '#785bff', symbol: '✦' },
  { kind: 'experience', color: '#45d325', symbol: '●' },
  { kind: 'counterpoint', color: '#ff5c5c', symbol: '⇄' },
  { kind: 'data', color: '#38d3d3', symbol: '#' },
  { kind: 'humour', color: '#ff5733', symbol: '☺' },
  { kind: 'question', color: '#ff33a1', symbol: '?' },
];

export const symbolOf = (kind: HighlightKind): string => PALETTE.find((p) => p.kind === kind)?.symbol ?? '';

export const HIGHLIGHT_COLORS: readonly string[] = PALETTE.map((p) => p.color);

export const colorOf = (kind: HighlightKind): string => PALETTE.find((p) => p.kind === kind)?.color ?? '';

/** The kind a colour stands for ('' and anything not in the palette: none). */
export const kindOfColor = (color: string): HighlightKind => PALETTE.find((p) => p.color === color.toLowerCase())?.kind ?? 'none';

/** A colour as the site takes it: one of the six, lower case, or ''. */
export const siteColor = (color: string): string => (HIGHLIGHT_COLORS.includes(color.toLowerCase()) ? color.toLowerCase() : '');
