/** Plain-language narration of trace events, in either language. */
import type { SimLanguage } from '../protocol';
import type { RaftSim, TraceEvent } from './engine';
import { invariantName, t } from './strings';

const list = (ids: readonly number[]): string => ids.map((id) => `n${id}`).join(', ');

/**
 * One sentence for an event, or undefined for events not worth narrating (message traffic).
 * `sim` is the state right after the event (for the vote a node already cast).
 */
export function narrate(lang: SimLanguage, e: TraceEvent, sim?: RaftSim): string | undefined {
  switch (e.type) {
    case 'candidate':
      if (e.pre) return t(lang, e.forced ? 'n.preForced' : 'n.preTimer', e.node, e.term + 1, e.term);
      return t(lang, e.forced ? 'n.forced' : 'n.timer', e.node, e.term);
    case 'timeout':
      return e.ignored ? t(lang, 'n.timeoutIgnored', e.node) : undefined;
    case 'vote': {
      const pre = e.pre ? t(lang, 'n.pre') : '';
      switch (e.reason) {
        case 'granted': return t(lang, e.pre ? 'n.preVoteGranted' : 'n.voteGranted', e.node, e.candidate, e.term);
        case 'log': return t(lang, 'n.voteLog', e.node, e.candidate) + pre;
        case 'voted': {
          const votedFor = sim?.node(e.node).votedFor;
          return votedFor ? t(lang, 'n.voteVoted', e.node, e.candidate, votedFor, e.term) + pre : t(lang, 'n.voteLeader', e.node, e.candidate, e.term) + pre;
        }
        case 'leader': return t(lang, 'n.voteLeader', e.node, e.candidate, e.term) + pre;
        case 'term': return t(lang, 'n.voteTerm', e.node, e.candidate, e.term) + pre;
        case 'lease': return t(lang, 'n.voteLease', e.node, e.candidate) + pre;
      }
      return undefined;
    }
    case 'leader':
      return t(lang, 'n.leader', e.node, e.term);
    case 'follower':
      switch (e.reason) {
        case 'term': return t(lang, 'n.followTerm', e.node, e.term);
        case 'leader': return e.leader !== null ? t(lang, 'n.followLeader', e.node, e.leader, e.term) : t(lang, 'n.followTerm', e.node, e.term);
        case 'lost': return t(lang, 'n.lost', e.node);
        case 'quorum': return t(lang, 'n.quorum', e.node);
        case 'restart': return undefined;
      }
      return undefined;
    case 'append': {
      const leader = sim ? sim.node(e.node).role === 'leader' : false;
      if (e.value === null && leader) return t(lang, 'n.appendNoop', e.node, e.index, e.term);
      if (leader) return t(lang, 'n.appendLeader', e.node, e.index, e.term, e.value ?? t(lang, 'logs.noop'));
      return t(lang, 'n.appendFollower', e.node, e.index, e.term);
    }
    case 'truncate':
      return t(lang, 'n.truncate', e.node, e.fromIndex);
    case 'commit':
      return e.by ? t(lang, 'n.commitLeader', e.index, list(e.by)) : t(lang, 'n.commitFollower', e.node, e.index);
    case 'withheld':
      return t(lang, 'n.withheld', e.index, e.term, e.currentTerm);
    case 'request':
      if (e.accepted) return t(lang, 'n.requestOk', e.value, e.node ?? 0, e.index ?? 0);
      if (e.reason === 'not-leader') return t(lang, 'n.requestNotLeader', e.node ?? 0, e.value, e.leaderHint ? `n${e.leaderHint}` : t(lang, 'n.hintNone'));
      if (e.reason === 'down') return t(lang, 'n.requestDown', e.node ?? 0, e.value);
      return t(lang, 'n.requestNoLeader', e.value);
    case 'crash':
      return t(lang, 'n.crash', e.node);
    case 'restart':
      return t(lang, 'n.restart', e.node, e.term);
    case 'partition':
      return t(lang, 'n.partition', e.groups.map((g) => `{${list(g)}}`).join(' | '));
    case 'heal':
      return t(lang, 'n.heal');
    case 'dropLink':
      return t(lang, 'n.dropLink', e.nodes[0], e.nodes[1]);
    case 'violation':
      return t(lang, 'n.violation', invariantName(lang, e.invariant), e.detail);
    case 'send':
    case 'deliver':
    case 'drop':
      return undefined;
  }
}
