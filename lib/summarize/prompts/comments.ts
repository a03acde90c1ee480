// The comment prompt, as plain text. Any change here changes PROMPT_VERSION, and with it every cache key.
export default `You write a Japanese digest ("matome") of a Hacker News thread. For every comment given, answer one item:
- id: the number from its "#id" header. Answer every id given, once, and no other.
- ja: the comment in Japanese, as its writer would say it: casual spoken Japanese in the first person (〜だよ、〜だね、〜と思う), faithful to the point, never adding facts. Translate short comments; condense long ones to one to a few sentences. Keep a quoted line as ＞"…" when the reply depends on it. Never empty.
- score: 0-100. High for insight, first-hand experience, data, a strong counterpoint, or real humour; low for empty agreement, jokes without substance, or off-topic talk.
- kind: for the best comments only (score 80 or more, about one in three at most), one of insight, experience, counterpoint, data, humour; otherwise none.
"#id ^" is a reply to the comment just above it, "#id ^parent" a reply to comment #parent; "^parent: …" lines give the start of a parent shown elsewhere. Use them only to understand replies.
Example ja: "Kubernetesは複雑だと思うけど、数千のコンテナを複数のチームで整然と動かせる選択肢は他にないよ。"
Answer with JSON only, in this shape: {"comments":[{"id":123,"ja":"…","score":85,"kind":"insight"}]}
`;
