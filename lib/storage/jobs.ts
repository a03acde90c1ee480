import { storage, type StorageItemKey } from '@wxt-dev/storage';
import * as z from 'zod/mini';
import { Story } from '../hn/thread';
import { JobComment } from '../messages/job';

/**
 * A running job, persisted so that a stopped service worker picks it up where it was. Its finished summaries are in
 * the summary store; this keeps what is needed to go on: the thread's comments, the model, and what failed.
 */
export const JobRecord = z.object({
  v: z.literal(1),
  story: Story,
  comments: z.array(JobComment),
  model: z.string(),
  status: z.enum(['running', 'done', 'stopped', 'cancelled']),
  failed: z.record(z.string(), z.string()),
  updatedAt: z.number(),
});
export type JobRecord = z.infer<typeof JobRecord>;

const key = (id: number): StorageItemKey => `local:job:${id}`;
const ACTIVE: StorageItemKey = 'local:jobs-active';

export async function loadJob(id: number): Promise<JobRecord | null> {
  const parsed = JobRecord.safeParse(await storage.getItem(key(id)));
  return parsed.success ? parsed.data : null;
}

export async function saveJob(job: JobRecord): Promise<void> {
  const active = await activeJobIds();
  const next = job.status === 'running' ? [...new Set([...active, job.story.id])] : active.filter((i) => i !== job.story.id);
  await storage.setItems([
    { key: key(job.story.id), value: job },
    { key: ACTIVE, value: next },
  ]);
}

/** Jobs that were running when the worker last stopped. */
export async function activeJobIds(): Promise<number[]> {
  const parsed = z.array(z.int()).safeParse(await storage.getItem(ACTIVE));
  return parsed.success ? parsed.data : [];
}
