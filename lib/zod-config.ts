import * as z from 'zod/mini';

// Extension pages forbid eval by CSP: tell zod up front instead of letting it probe `new Function` on every start.
z.config({ jitless: true });
