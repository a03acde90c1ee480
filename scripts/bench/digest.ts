// The automatic digest against the site's own numbers: about 80 cards, about half of them highlighted, with the
// test server's scores and kinds (deterministic by comment id) on the 300- and 3,000-comment threads.
import { pickDigest } from '../../lib/summarize/digest';
import type { Card } from '../../lib/summarize/card';
import { parseSettings } from '../../lib/settings';
import { kindOf, scoreOf } from '../../test/llm-server/server';
import { generateThread } from '../../test/support/generate-thread';
import type { HighlightKind } from '../../lib/palette';
import type { Figure } from './report';

export function benchDigest(): Figure[] {
  const size = parseSettings({}).digestSize;
  return [300, 3000].flatMap((n) => {
    const g = generateThread({ comments: n, seed: 100 + n });
    const ids = g.comments.map((c) => c.id);
    const cards = new Map<number, Card>(ids.map((id) => [id, { id, status: 'done', ja: '', score: scoreOf(id), kind: kindOf(id) as HighlightKind }]));
    const picked = pickDigest(ids, cards, size);
    const highlighted = [...picked].filter((id) => kindOf(id) !== 'none').length;
    return [
      { name: `${n} comments: cards in the automatic digest (the site: median 80)`, value: picked.size, unit: '' },
      { name: `${n} comments: share of the digest highlighted (the site: 47.8%, target 40–60%)`, value: (100 * highlighted) / picked.size, unit: '%' },
    ];
  });
}
