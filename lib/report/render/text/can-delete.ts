import type { BlockingInterface, DeleteReadiness } from '../../../model/can-delete.js';
import { clean } from './layout.js';

/** `can-delete`'s answer as text (one headline, then each interface in the way, then what was not checked). */

const KIND_LABEL: Record<BlockingInterface['kind'], string> = {
  'in-use-by-lambda': 'Lambda ENI in use: stays while its users do',
  'lambda-removes-it': 'Lambda ENI no one uses: Lambda removes it by itself',
  'orphaned-forever': 'Lambda ENI no one uses: never goes away by itself',
  'lambda-cannot-tell': 'Lambda ENI: whether it goes away cannot be told',
  'other-service': "another service's interface",
};

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function headline(answer: DeleteReadiness): string {
  const id = answer.target.id;
  const blockers = answer.blockers.length;
  const never = answer.blockers.filter((b) => b.clears === 'never').length;
  const configured = answer.configuredFunctions.length;
  switch (answer.verdict) {
    case 'free':
      return `${id} can be deleted now: no network interface uses it.`;
    case 'waiting':
      return (
        `${id} is not free yet: ${count(blockers, 'Lambda ENI')} still use${blockers === 1 ? 's' : ''} it, which ` +
        'Lambda removes by itself (AWS documents up to 20 minutes; up to about 45 observed).'
      );
    case 'unknown':
      return blockers === 0
        ? `${id}: no Lambda ENI uses it, but whether other interfaces do was not checked.`
        : `${id}: whether it can be deleted cannot be told.`;
    case 'blocked': {
      const parts = [
        ...(never > 0 ? [`${count(never, 'network interface')} that will not go away by itself`] : []),
        ...(configured > 0 ? [`${count(configured, 'function')} still configured with it`] : []),
      ];
      return `${id} cannot be deleted: ${parts.length > 0 ? parts.join(', and ') : 'see the notes'}.`;
    }
  }
}

function roleText(blocker: BlockingInterface): string {
  const role = blocker.creatorRole;
  if (role === null) return '';
  const name = role.name === null ? 'its role' : `role ${role.name}`;
  const state =
    role.status === 'deleted'
      ? 'deleted'
      : role.status === 'unknown'
        ? 'unknown'
        : role.mayDelete === 'allowed'
          ? 'exists, may delete ENIs'
          : role.mayDelete === 'denied'
            ? 'exists, may NOT delete ENIs'
            : 'exists, permission not checked';
  return ` (${name}: ${state})`;
}

function blockerLines(blocker: BlockingInterface): string[] {
  const lines = [
    `${clean(blocker.networkInterfaceId)}  ${clean(blocker.status ?? 'status unknown')}  ${KIND_LABEL[blocker.kind]}`,
    `  subnet           ${clean(blocker.subnetId ?? 'unknown')}`,
    `  security groups  ${blocker.securityGroupIds.map(clean).join(', ') || 'none'}`,
  ];
  if (blocker.kind === 'other-service') {
    lines.push(`  type             ${clean(blocker.interfaceType ?? 'interface')}`);
  } else {
    const creator = blocker.creator === null ? 'not named (pre-2019 description)' : clean(blocker.creator);
    lines.push(`  created by       ${creator}${clean(roleText(blocker))}`);
  }
  lines.push(`  why              ${clean(blocker.reason)}`);
  return lines;
}

function waitLine(answer: DeleteReadiness): string | null {
  const wait = answer.wait;
  if (wait === undefined) return null;
  const cleared = wait.cleared.length > 0 ? ` Gone meanwhile: ${wait.cleared.map(clean).join(', ')}.` : '';
  const how = {
    free: 'until it was free',
    time: `for ${wait.minutes} minute${wait.minutes === 1 ? '' : 's'}: time ran out`,
    blocked: 'no longer: what is left will not go away by itself',
    error: 'until a re-read failed (see the notes)',
  }[wait.endedBy];
  return `Waited ${how} (${count(wait.rereads, 're-read')} of the interfaces).${cleared}`;
}

export function renderDeleteReadiness(answer: DeleteReadiness, format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(answer, null, 2)}\n`;
  const seen =
    answer.source === 'live'
      ? `read live at ${answer.checkedAt}`
      : `as the snapshot captured at ${answer.checkedAt} saw it`;
  const lines = [
    clean(headline(answer)),
    `Account ${clean(answer.accountId)} ${clean(answer.region)}, ${seen}.`,
  ];
  const waited = waitLine(answer);
  if (waited !== null) lines.push(waited);
  for (const blocker of answer.blockers) lines.push('', ...blockerLines(blocker));
  if (answer.configuredFunctions.length > 0) {
    const list = answer.configuredFunctions
      .map((fn) => `${clean(fn.functionName)} (${fn.versions.map(clean).join(', ')})`)
      .join(', ');
    lines.push(
      '',
      `Still configured with it (deleting it breaks them; change or delete them first): ${list}.`,
    );
  }
  if (answer.notes.length > 0) lines.push('', ...answer.notes.map((note) => `- ${clean(note)}`));
  return `${lines.join('\n')}\n`;
}
