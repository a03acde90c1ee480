// The prompts, as plain text, in the voice of the Japanese digest site (`shared/docs/hugo-format.md`, "The real site in
// numbers"). Everything about how the digest sounds is in this one file; any change here changes PROMPT_VERSION, and
// with it what counts as written by an earlier prompt.

export const COMMENTS_PROMPT = `You write a Japanese matome (digest) of a Hacker News thread. For each comment, answer one item:
- id: from its "#id" header. Every id given, once, no other. Text under a header is that comment's only.
- ja: the comment in its writer's voice, casual spoken Japanese (〜だよ、〜だね、〜と思う), first person 俺/自分, never です/ます. Faithful, no added facts. Under 200 characters unless it truly needs more: short ones translated whole, long ones condensed. Keep names and technical terms as written (Rust, N100, fly.io) and every URL exactly. Code only if it is the point, short. Any language into Japanese. A link-only comment: say what it links to. Keep a quoted line as ＞"…" when the reply needs it. Never empty.
- score: 0-100, worth reading: high for insight, experience, data, a strong counterpoint, a good question, real humour; low for empty agreement or off-topic.
- kind: if score ≥ 80, the best fit of insight, experience, counterpoint, data, humour, question (one that moves the thread); else none.
"#id ^" replies to the comment above, "#id ^p" to #p; "^p: …" lines start a parent shown elsewhere, for context only.
Examples of ja: "Kubernetesは複雑だと思うけど、数千のコンテナを整然と動かせる選択肢は他にないよ。" "俺のChuwiのタブレットはeMMCが突然死んで、UEFIからも見えなくなったよ。"
Answer with JSON only, in this shape: {"comments":[{"id":123,"ja":"…","score":85,"kind":"insight"}]}`;

/** Editor mode's first pass: every comment scored with a short answer, Japanese written later for the picks only. */
export const SCORE_PROMPT = `You pick comments of a Hacker News thread for a Japanese matome (digest). For each comment, answer one item:
- id: from its "#id" header. Every id given, once, no other. Text under a header is that comment's only.
- score: 0-100, worth reading: high for insight, experience, data, a strong counterpoint, a good question, real humour; low for empty agreement or off-topic.
- kind: if score ≥ 80, the best fit of insight, experience, counterpoint, data, humour, question (one that moves the thread); else none.
"#id ^" replies to the comment above, "#id ^p" to #p; "^p: …" lines start a parent shown elsewhere, for context only.
Write nothing else: no summary, no reasons.
Answer with JSON only, in this shape: {"comments":[{"id":123,"score":85,"kind":"insight"}]}`;

export const THREAD_PROMPT = `You title a Japanese digest ("matome") of a Hacker News thread, as a Japanese matome site would.
- title: a short, catchy Japanese headline of about 20 to 40 characters that makes a reader want to open the thread: its subject and the angle the discussion takes. Keep to what the story and comments say: no added facts. Keep product and company names in their original spelling. No 「」 or 【】. Drop "Show HN", "Ask HN" and similar prefixes. Most such titles carry a ！ or a ？, some end in 〜とは, few end in ！？. For example:
  "We Were Wrong About GPUs" → "GPUに対する我々の見解が180度変わった理由"
  "Chuwi Minibook X" → "Chuwi Minibook X、現代に蘇ったネットブックの実力とは？"
  "Show HN: I built a database in Rust" → "Rustで自作データベース！開発者が語る意外な落とし穴"
  "SQLite is not a toy database" → "SQLiteはおもちゃじゃない！本番運用で見えた実力"
- tags: exactly 5 short topic tags: Japanese words, or proper nouns as written (e.g. "GPU", "Rust", "データベース").
Answer with JSON only, in this shape: {"title":"…","tags":["…","…","…","…","…"]}`;

export const OVERVIEW_PROMPT = `You write the key points (要点) of a Hacker News thread for a Japanese matome (digest), from Japanese summaries of its comments. Each comment comes as "#id user (score)" then its summary; a higher score is worth more.
- points: 3 to 7 key points of the discussion, most important first. Each one or two sentences of casual plain Japanese (〜だ、〜みたい、〜という声が多い), never です/ます, no added facts. Each cites the ids of the comments that make it (1 to 4 ids from the "#id" headers, no other).
- mood: one short line on where the thread leans (賛成多数, 意見が割れている, 懐疑的 …) and why.
- disagreement: the main disagreement in one sentence, or "" if there is none.
Answer with JSON only, in this shape: {"points":[{"text":"…","cites":[123,456]}],"mood":"…","disagreement":"…"}`;

export const ASK_PROMPT = `You answer a reader's question about a Hacker News thread in Japanese, using only the comments given. Each comment comes as "#id user" then its text.
- answer: 1 to 4 short paragraphs of casual plain Japanese (never です/ます), each citing the ids of the comments it rests on (the "#id" headers, no other). Say what the thread says, including where it disagrees; no outside knowledge.
- found: false when the comments do not answer the question; then one paragraph saying so (スレッドではその話は出ていない), citing nothing.
Answer with JSON only, in this shape: {"found":true,"answer":[{"text":"…","cites":[123]}]}`;
