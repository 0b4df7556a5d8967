import { ParkSlots } from '../lamps/park-slots.tsx';
import '../lamps/lamps.css';
import './calls.css';
import { useEffect } from 'preact/hooks';
import type { Call } from '../../shared/model/call.ts';
import type { Services } from '../../shared/model/services.ts';
import { DialBox } from '../../shared/ui/dial-box.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { IconButton } from '../../shared/ui/icon-button.tsx';
import { t } from '../../shared/ui/i18n-signal.ts';
import { useCommand } from '../../shared/ui/use-command.ts';
import type { PaneProps } from '../shell/pane-registry.ts';
import type { ConsoleState } from '../shell/console-state.ts';
import type { CallerIdentity } from '../../shared/model/contact.ts';
import { directoryName } from '../contacts/directory-names.ts';
import { CallHistoryPanel } from '../history/call-history-panel.tsx';
import { CallCard } from './call-card.tsx';
import { CallsElsewhere } from './calls-elsewhere.tsx';
import { CallTracePanel } from './call-trace-panel.tsx';
import { closeCallConsolePanels, isDialPadOpen, isHistoryOpen, isTraceOpen } from './calls-pane-state.ts';
import { ConferencePanel } from './conference-panel.tsx';
import { PendingDials } from './pending-dials.tsx';
import { RedialMenu } from './redial-menu.tsx';

/** The call console's header tools: the call history (with the count of missed calls), the call trace, auto answer. */
export function CallsTools({ state }: PaneProps) {
  const autoAnswer = useCommand('settings/update-phone');
  const missed = state.history.unseenMissed;
  return (
    <>
      <IconButton
        icon="history"
        label={t('history_title')}
        badge={missed}
        badgeLabel={t('missed_calls_count', missed)}
        badgeTestId="missed-count"
        aria-expanded={isHistoryOpen.value}
        onClick={() => (isHistoryOpen.value = !isHistoryOpen.value)}
        testId="open-history"
      />
      <IconButton
        icon="trace"
        label={t('call_trace')}
        aria-expanded={isTraceOpen.value}
        onClick={() => (isTraceOpen.value = !isTraceOpen.value)}
        testId="open-call-trace"
      />
      <IconButton
        icon="auto-answer"
        label={t('settings_auto_answer')}
        aria-pressed={state.phone.autoAnswer}
        disabled={autoAnswer.isPending}
        onClick={() => void autoAnswer.run({ autoAnswer: !state.phone.autoAnswer })}
        testId="auto-answer"
      />
    </>
  );
}

/**
 * The call console: the dial box first and steady (calls come and go below it, so the box never moves under the
 * receptionist's hands), the web pages' calls waiting for a yes, the conference, then the calls — ringing ones first
 * and pinned in view while the list scrolls.
 */
export function CallsBody({ state }: PaneProps) {
  // Escape closes whatever panel of the call console is open.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeCallConsolePanels();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const calls = state.calls.filter((call) => state.conference?.callIds.includes(call.id) !== true);
  return (
    <>
      {isTraceOpen.value && (
        <CallTracePanel
          calls={state.calls}
          revision={state.history.revision}
          traceCode={state.services.featureCodes.callTrace}
          onClose={() => (isTraceOpen.value = false)}
        />
      )}
      {isHistoryOpen.value && (
        <CallHistoryPanel revision={state.history.revision} onClose={() => (isHistoryOpen.value = false)} />
      )}
      {/* The dial box has the focus when the console opens (the "open dialer" shortcut lands here). */}
      <DialBox
        autoFocus
        hasKeypad={isDialPadOpen.value}
        tools={
          <>
            <IconButton
              icon="keypad"
              label={t('dialer')}
              aria-expanded={isDialPadOpen.value}
              onClick={() => {
                isDialPadOpen.value = !isDialPadOpen.value;
                document.getElementById('dial-target')?.focus();
              }}
              testId="open-dialer"
            />
            <RedialMenu recent={state.history.recentNumbers} />
          </>
        }
      />
      <PendingDials pending={state.clickToCall.pending} />
      {state.conference !== null && <ConferencePanel conference={state.conference} calls={state.calls} />}
      <CallList
        calls={calls}
        callerIds={state.callerIds}
        directories={state.contacts.directories}
        featureCodes={state.services.featureCodes}
        canConference={state.conference === null}
      />
      <CallsElsewhere calls={state.callsElsewhere} />
      <ParkSlots slotsSetting={state.services.parkSlots} calls={state.calls} />
    </>
  );
}

/** Who a call is, with the name of the directory that said so. */
function identityOf(identity: CallerIdentity | undefined, directories: ConsoleState['contacts']['directories']) {
  if (identity === undefined) return undefined;
  return {
    ...identity,
    directoryLabel: directoryName(directories.find((directory) => directory.id === identity.directoryId)),
  };
}

function CallList({
  calls,
  callerIds,
  directories,
  featureCodes,
  canConference,
}: {
  calls: readonly Call[];
  callerIds: ConsoleState['callerIds'];
  directories: ConsoleState['contacts']['directories'];
  featureCodes: Services['featureCodes'];
  canConference: boolean;
}) {
  if (calls.length === 0) return <EmptyState icon="answer" text={t('no_calls')} testId="no-calls" />;
  // Ringing calls first: the one that needs the receptionist now is the one in view.
  const ordered = [
    ...calls.filter((call) => call.status === 'Alerting'),
    ...calls.filter((call) => call.status !== 'Alerting'),
  ];
  return (
    <ul class="call-list" data-testid="call-list">
      {ordered.map((call) => (
        <CallCard
          key={call.id}
          call={call}
          identity={identityOf(callerIds[call.id], directories)}
          others={calls.filter((other) => other.id !== call.id)}
          featureCodes={featureCodes}
          canConference={canConference}
        />
      ))}
    </ul>
  );
}
