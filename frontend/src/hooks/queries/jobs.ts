import { useQuery } from '@tanstack/react-query'
import { unwrap } from '../../api/client'
import { retryNetworkOnly } from '../../api/errors'
import type { Job } from '../../api/types'
import { getJob } from '../../client'

export const jobKeys = {
  /** A background job: how far it got, then what it made or why it failed. */
  detail: (jobId: string) => ['job', jobId] as const,
}

export const JOB_POLL_MS = 500

export function isJobRunning(job: Job | undefined): boolean {
  return job?.status === 'queued' || job?.status === 'running'
}

/**
 * A job the server answered with (a 202), read again every half second until it is done or failed.
 * Nothing to read without one.
 */
export function useJob(started: Job | undefined) {
  return useQuery<Job, Error>({
    queryKey: jobKeys.detail(started?.id ?? ''),
    queryFn: () => unwrap(getJob({ path: { job_id: started!.id } })),
    enabled: started !== undefined,
    initialData: started,
    // Only the poll brings news; a finished job never changes, and is gone 10 minutes later.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    // A network blip is polled through; a refusal (the job is gone) won't change by asking again.
    refetchInterval: (q) => {
      if (q.state.status === 'error' && !retryNetworkOnly(0, q.state.error)) return false
      return isJobRunning(q.state.data) ? JOB_POLL_MS : false
    },
    retry: retryNetworkOnly,
  })
}
