import type { ActivationErrorCode, DiagnosticCheck, DiagnosticCheckId } from '@hybrid-hub/contract';
import {
  isAxlAvailable,
  isCertificateAccepted,
  viewDirectory,
  type ActivationFacts,
} from './activation.ts';
import {
  checkAxl,
  checkCertificate,
  checkConnector,
  checkEntitled,
  checkFound,
  checkHomeNode,
  fail,
  list,
  notApplicable,
  pass,
  type DiagnosedUser,
  type Verdict,
} from './diagnostic-checks.ts';

export type { DiagnosedUser } from './diagnostic-checks.ts';

/**
 * Diagnostics (SPEC "See history … Diagnostics"): the guide's "Per User Checks" and "IM and
 * Presence Service Checks", run against one user as support staff would, in the contract's
 * order. Each check reuses the predicate `evaluateActivation` uses, and a check that depends on
 * another that failed (the connector cannot read a directory it cannot connect to) is "not
 * applicable" rather than guessed. So the first failing check is always the one behind the error
 * activation would give now (`CHECK_FOR_ERROR`), even though the checklist's order differs from
 * activation's.
 */

export const CHECK_NAMES: Readonly<Record<DiagnosticCheckId, string>> = {
  entitled: 'Entitled for Hybrid Message?',
  foundOnPremises: 'Found on an IM and Presence cluster used with Hybrid Message?',
  mailidPresent: 'Has an email address (mailid) in IM and Presence?',
  mailidMatches: 'IM and Presence mailid matches the email in Control Hub?',
  homedOnOneCluster: 'Homed on one IM and Presence cluster only?',
  noDuplicateJidAccount: "No duplicate Webex account named after the user's JID?",
  homeNodeOperational: 'Home IM and Presence node operational?',
  axlReachable: 'IM and Presence publisher reachable over AXL?',
  certificateValid: 'IM and Presence certificate validated?',
  connectorRunning: 'Message connector running and able to serve the user?',
};

/** The check that fails when activation ends in this error. */
export const CHECK_FOR_ERROR: Readonly<Record<ActivationErrorCode, DiagnosticCheckId>> = {
  NOT_ENTITLED: 'entitled',
  NOT_FOUND_ON_PREMISES: 'foundOnPremises',
  NO_MAIL_ID: 'mailidPresent',
  MAIL_ID_MISMATCH: 'mailidMatches',
  DUPLICATE_MAIL_ID: 'homedOnOneCluster',
  DUPLICATE_JID_ACCOUNT: 'noDuplicateJidAccount',
  HOME_NODE_OUTAGE: 'homeNodeOperational',
  AXL_FAILURE: 'axlReachable',
  CERTIFICATE_VALIDATION_FAILED: 'certificateValid',
  NO_CONNECTOR_AVAILABLE: 'connectorRunning',
  CLUSTER_AT_CAPACITY: 'connectorRunning',
};

/** Runs every check. `facts` are the user's activation facts (the user counted out of their node). */
export function diagnose(user: DiagnosedUser, facts: ActivationFacts): DiagnosticCheck[] {
  const { deployment } = facts;
  const directory = viewDirectory(facts);
  const impName = new Map(deployment.impClusters.map((c) => [c.id, c.name]));
  const nameOf = (impClusterId: string) => impName.get(impClusterId) ?? impClusterId;
  const found = directory.connected.length > 0;
  const untrusted = directory.reached.filter((c) => !isCertificateAccepted(c));
  const noAxl = directory.reached.filter((c) => !isAxlAvailable(c, deployment.impNodes));
  const unreadable = [...new Set([...untrusted, ...noAxl])];
  const { home } = directory;

  // Checks 3–7 read the directory through the connector: without it they cannot be made.
  const directoryCheck = (check: () => Verdict): Verdict => {
    if (!found) return notApplicable('Not checked: the user was not found on premises.');
    if (unreadable.length > 0)
      return notApplicable(
        `Not checked: the message connector cannot read the directory of ${list(unreadable.map((c) => c.name))} (see the ${untrusted.length > 0 ? 'certificate' : 'AXL'} check).`,
      );
    return check();
  };
  const needsHome = (what: string, check: () => Verdict): Verdict =>
    directoryCheck(() =>
      home
        ? check()
        : notApplicable(
            `Not checked: no IM and Presence user has ${facts.email} as mailid, so ${what}.`,
          ),
    );

  const verdicts: Record<DiagnosticCheckId, Verdict> = {
    entitled: checkEntitled(user),
    foundOnPremises: checkFound(facts, directory, nameOf),
    mailidPresent: directoryCheck(() => {
      const blank = directory.connected.find((e) => e.mailid === '');
      if (!home && blank)
        return fail(
          `The IM and Presence user ${blank.userid} on ${nameOf(blank.impClusterId)} has no mailid.`,
          'NO_MAIL_ID',
        );
      const entry = home ?? directory.connected[0]!;
      return pass(
        `The IM and Presence user has the mailid ${entry.mailid} on ${nameOf(entry.impClusterId)}.`,
      );
    }),
    mailidMatches: directoryCheck(() => {
      if (home) return pass(`The mailid ${home.mailid} matches ${facts.email}.`);
      const mailids = [...new Set(directory.connected.map((e) => e.mailid).filter(Boolean))];
      if (mailids.length === 0) return notApplicable('Not checked: there is no mailid to compare.');
      return fail(
        `IM and Presence has the mailid ${list(mailids)}; Control Hub has ${facts.email}.`,
        'MAIL_ID_MISMATCH',
      );
    }),
    homedOnOneCluster: needsHome('its homes cannot be told', () => {
      const clusters = [...directory.mailidClusterIds].map(nameOf);
      return clusters.length > 1
        ? fail(
            `The mailid ${facts.email} is homed on ${clusters.length} IM and Presence clusters: ${list(clusters)}.`,
            'DUPLICATE_MAIL_ID',
          )
        : pass(`Homed on ${clusters[0] ?? nameOf(home!.impClusterId)} only.`);
    }),
    noDuplicateJidAccount: needsHome('the JID is not known', () =>
      facts.jidAccounts.includes(home!.jid)
        ? fail(
            `A second Webex account named after the JID ${home!.jid} exists.`,
            'DUPLICATE_JID_ACCOUNT',
          )
        : pass(`No other Webex account is named after the JID ${home!.jid}.`),
    ),
    homeNodeOperational: needsHome('the home node is not known', () =>
      checkHomeNode(home!.homeImpNodeId, facts),
    ),
    axlReachable: checkAxl(found, untrusted, noAxl, facts),
    certificateValid: checkCertificate(found, directory, untrusted),
    connectorRunning: checkConnector(user, facts, directory, unreadable.length === 0),
  };
  return (Object.keys(CHECK_NAMES) as DiagnosticCheckId[]).map((id) => ({
    id,
    name: CHECK_NAMES[id],
    ...verdicts[id],
  }));
}

/** One sentence: all passed, or the first failing check and what it found. */
export function diagnosticsSummary(checks: readonly DiagnosticCheck[]): string {
  const failing = checks.find((c) => c.result === 'fail');
  return failing
    ? `First failing check: ${failing.name} — ${failing.detail}`
    : 'All checks passed.';
}

export function firstFailingCheck(checks: readonly DiagnosticCheck[]): DiagnosticCheckId | null {
  return checks.find((c) => c.result === 'fail')?.id ?? null;
}
