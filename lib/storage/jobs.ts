import { storage, type StorageItemKey } from '@wxt-dev/storage';
import * as z from 'zod/mini';
import { setAside } from './aside';
import { exclusive } from './lock';
import { Story } from '../hn/thread';
import { Problem } from '../messages/problem';
import { JobComment } from '../messages/job';

/**
 * A running job, persisted so that a stopped service worker picks it up where it was. Its finished summaries are in
 * the summary store; this keeps what is needed to go on: the thread's comments, the model, what failed and the tokens
 * spent so far.
 */
export const JobRecord = z.object({
  story: Story,
  comments: z.array(JobComment),
  model: z.string(),
  status: z.enum(['running', 'done', 'stopped', 'cancelled']),
  failed: z.record(z.string(), Problem),
  usage: z.object({ prompt: z.number(), completion: z.number(), requests: z.number(), estimated: z.boolean() }),
  /** Why it stopped, shown again when the thread is reopened. */
  problem: z.nullable(Problem),
  /** A re-run of these comments only (the user asked for them); null: every comment without a summary. */
  only: z.nullable(z.array(z.int())),
  /** Stopped because the endpoint was not there: it goes on by itself once the endpoint answers (while a panel is open). */
  resumable: z.optional(z.boolean()),
  /** Editor mode's score pass (its write pass is `only` the picks); absent: a job that writes. */
  mode: z.optional(z.enum(['write', 'score'])),
  updatedAt: z.number(),
});
export type JobRecord = z.infer<typeof JobRecord>;

const JOB_VERSION = 2;

/** Version 1 kept failures as English sentences and no token counts. */
function fromV1(old: unknown): unknown {
  if (!old || typeof old !== 'object') return old;
  const { v: _v, failed, ...rest } = old as { v?: number; failed?: Record<string, unknown> };
  const problems = Object.fromEntries(Object.entries(failed ?? {}).map(([id, m]) => [id, { code: 'internal', params: { detail: String(m) } }]));
  return { ...rest, failed: problems, usage: { prompt: 0, completion: 0, requests: 0, estimated: true }, problem: null, only: null };
}

const item = (id: number) => storage.defineItem<unknown>(`local:job:${id}` as StorageItemKey, { version: JOB_VERSION, migrations: { 2: fromV1 } });
const ACTIVE: StorageItemKey = 'local:jobs-active';

export async function loadJob(id: number): Promise<JobRecord | null> {
  const parsed = JobRecord.safeParse(await item(id).getValue());
  return parsed.success ? parsed.data : null;
}

export async function saveJob(job: JobRecord): Promise<void> {
  // A record this version cannot read is kept aside before it is written over.
  const before = await item(job.story.id).getValue();
  if (before != null && !JobRecord.safeParse(before).success) await setAside(`local:job:${job.story.id}` as StorageItemKey, before);
  await item(job.story.id).setValue(job);
  await updateActive((ids) => (job.status === 'running' ? [...new Set([...ids, job.story.id])] : ids.filter((i) => i !== job.story.id)));
}

/** The list of running jobs, read-modify-written one change at a time, under a lock. */
function updateActive(fn: (ids: number[]) => number[]): Promise<void> {
  return exclusive('jobs-active', async () => storage.setItem(ACTIVE, fn(await activeJobIds())));
}

/** Jobs that were running when the worker last stopped. */
export async function activeJobIds(): Promise<number[]> {
  const parsed = z.array(z.int()).safeParse(await storage.getItem(ACTIVE));
  return parsed.success ? parsed.data : [];
}
