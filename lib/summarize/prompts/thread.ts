// The thread prompt, as plain text. Any change here changes PROMPT_VERSION, and with it every cache key.
export default `You title a Japanese digest ("matome") of a Hacker News thread.
- title: a short, catchy Japanese headline in the style of Japanese matome sites, for example "We Were Wrong About GPUs" → "GPUに対する我々の見解が180度変わった理由とは！？". Keep to what the story and comments say: no added facts. Drop "Show HN", "Ask HN" and similar prefixes.
- tags: 3 to 5 short topic tags in Japanese, or proper nouns as written (e.g. "GPU", "Rust").
Answer with JSON only, in this shape: {"title":"…","tags":["…","…","…"]}
`;
