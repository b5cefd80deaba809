import type { LabDeployment } from '@hybrid-hub/contract';

/** How a deployment control runs its command: the request, and what it did in words. */
export type RunLabCommand = (run: () => Promise<LabDeployment>, done: string) => void;

/** What every deployment control gets from the panel that owns the one command in flight. */
export interface LabCommandProps {
  busy: boolean;
  command: RunLabCommand;
}
