/** Who asks for a change, and in which organization. */
export interface Actor {
  orgId: string;
  /** The administrator's email (history shows it), or `system`. */
  actor: string;
}
