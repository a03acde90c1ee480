export const HN_ORIGIN = 'https://news.ycombinator.com';

/** The item id of an HN thread URL (`https://news.ycombinator.com/item?id=N`, any page), or null for anything else. */
export function threadIdFromUrl(url: string | undefined | null): number | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.origin !== HN_ORIGIN || u.pathname !== '/item') return null;
  const id = u.searchParams.get('id') ?? '';
  return /^[1-9]\d{0,11}$/.test(id) ? Number(id) : null;
}

export function itemUrl(id: number): string {
  return `${HN_ORIGIN}/item?id=${id}`;
}

/** A link from page data, if it is one the extension may render as a link: http or https only (never `javascript:`). */
export function httpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
