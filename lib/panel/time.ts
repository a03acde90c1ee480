/**
 * HN's times are UTC (`2026-05-30T09:04:00`, from each comment's `title`): the panel shows them in the reader's own
 * time zone, naming the zone; the export keeps UTC as the site does.
 */
export function localTime(utc: string, lang: string, timeZone?: string): string {
  const d = new Date(`${utc}Z`);
  if (Number.isNaN(d.getTime())) return utc;
  return formatter(lang, timeZone).format(d);
}

// A formatter costs far more to make than to use, and every card on screen shows a time: one per language and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: string, timeZone?: string): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZoneName: 'short', timeZone });
    formatters.set(key, f);
  }
  return f;
}
