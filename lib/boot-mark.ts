// Imported first by the background: the moment its script starts to run (after the browser fetched and compiled it).
// `npm run bench` reads this User Timing mark to split a cold start into loading and evaluation.
performance.mark('hn-matome:worker-eval');
