import type { AppState } from '../../shared/model/app-state.ts';
import type { Call } from '../../shared/model/call.ts';
import { DialBox } from '../../shared/ui/dial-box.tsx';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { CallItem } from './call-item.tsx';
import { InfoPane } from './info-pane.tsx';
import { PendingDials } from './pending-dials.tsx';
import { ConferencePanel } from './conference-panel.tsx';
import type { Services } from '../../shared/model/services.ts';
import { CallHistoryPanel } from './call-history-panel.tsx';
import { CallTracePanel } from './call-trace-panel.tsx';
import { RedialMenu } from './redial-menu.tsx';
import { WorkspacePane } from './workspace-pane.tsx';
import { movePane, type Workspace } from '../../shared/model/workspace.ts';
import { useEffect, useState } from 'preact/hooks';

/** The main page, in the guide's four regions: information pane, call console, queued calls, contacts. */
export function ConsoleView({ state }: { state: AppState }) {
  const [isHistoryOpen, setHistoryOpen] = useState(false);
  const [isTraceOpen, setTraceOpen] = useState(false);
  const [isDialerOpen, setDialerOpen] = useState(false);
  // Escape closes whatever panel of the call console is open.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setHistoryOpen(false);
      setTraceOpen(false);
      setDialerOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const workspace = state.workspace.current;
  const update = (next: Workspace) => {
    void commandOrReport('workspace/update', { workspace: next });
  };
  const callTools = (
    <>
      <button
        type="button"
        aria-expanded={isTraceOpen}
        onClick={() => setTraceOpen(!isTraceOpen)}
        data-testid="open-call-trace"
      >
        {t('call_trace')}
      </button>
      <AutoAnswerToggle isOn={state.phone.autoAnswer} />
      <button
        type="button"
        aria-expanded={isDialerOpen}
        onClick={() => {
          setDialerOpen(!isDialerOpen);
          document.getElementById('dial-target')?.focus();
        }}
        data-testid="open-dialer"
      >
        {t('dialer')}
      </button>
      <button
        type="button"
        aria-expanded={isHistoryOpen}
        onClick={() => setHistoryOpen(!isHistoryOpen)}
        data-testid="open-history"
      >
        {t('history_title')}
        {state.history.unseenMissed > 0 && (
          <span
            class="count"
            data-testid="missed-count"
            aria-label={t('missed_calls_count', state.history.unseenMissed)}
          >
            {state.history.unseenMissed}
          </span>
        )}
      </button>
      <RedialMenu recent={state.history.recentNumbers} />
    </>
  );
  const callBody = (
    <>
      {isTraceOpen && (
        <CallTracePanel
          calls={state.calls}
          revision={state.history.revision}
          traceCode={state.services.featureCodes.callTrace}
          onClose={() => setTraceOpen(false)}
        />
      )}
      {isHistoryOpen && <CallHistoryPanel revision={state.history.revision} onClose={() => setHistoryOpen(false)} />}
      {/* The dial box has the focus when the console opens (the "open dialer" shortcut lands here). */}
      <DialBox autoFocus hasKeypad={isDialerOpen} />
      {state.conference !== null && <ConferencePanel conference={state.conference} calls={state.calls} />}
      <CallList
        calls={state.calls.filter((call) => state.conference?.callIds.includes(call.id) !== true)}
        featureCodes={state.services.featureCodes}
        canConference={state.conference === null}
      />
    </>
  );
  return (
    <div class="console">
      <InfoPane state={state} />
      <main class="console__main">
        <PendingDials pending={state.clickToCall.pending} />
        {workspace.panes.map((pane, index) => {
          const common = {
            pane,
            isFirst: index === 0,
            isLast: index === workspace.panes.length - 1,
            onToggle: () =>
              update({
                panes: workspace.panes.map((other) =>
                  other.id === pane.id ? { ...other, isCollapsed: !other.isCollapsed } : other,
                ),
              }),
            onMove: (step: -1 | 1) => update(movePane(workspace, pane.id, step)),
            onResize: (height: number) =>
              height !== pane.height &&
              update({ panes: workspace.panes.map((other) => (other.id === pane.id ? { ...other, height } : other)) }),
          };
          switch (pane.id) {
            case 'calls':
              return (
                <WorkspacePane
                  key="calls"
                  id="calls"
                  title={t('call_console')}
                  testId="call-console"
                  tools={callTools}
                  {...common}
                >
                  {callBody}
                </WorkspacePane>
              );
            case 'queues':
              return (
                <WorkspacePane key="queues" id="queues" title={t('queued_calls')} testId="queued-calls" {...common}>
                  <p class="pane__empty">{t('no_queues')}</p>
                </WorkspacePane>
              );
            case 'contacts':
              return (
                <WorkspacePane key="contacts" id="contacts" title={t('contacts')} testId="contacts" {...common}>
                  <p class="pane__empty">{t('no_contacts')}</p>
                </WorkspacePane>
              );
          }
        })}
      </main>
    </div>
  );
}

/** The call console header's Auto answer switch (the same setting as Settings › General). */
function AutoAnswerToggle({ isOn }: { isOn: boolean }) {
  const toggle = async () => {
    await commandOrReport('settings/update-phone', { autoAnswer: !isOn });
  };
  return (
    <button type="button" class="toggle" aria-pressed={isOn} onClick={() => void toggle()} data-testid="auto-answer">
      {t('settings_auto_answer')}
    </button>
  );
}

function CallList({
  calls,
  featureCodes,
  canConference,
}: {
  calls: readonly Call[];
  featureCodes: Services['featureCodes'];
  canConference: boolean;
}) {
  if (calls.length === 0) return <p class="pane__empty">{t('no_calls')}</p>;
  return (
    <ul class="call-list" data-testid="call-list">
      {calls.map((call) => (
        <CallItem
          key={call.id}
          call={call}
          others={calls.filter((other) => other.id !== call.id)}
          featureCodes={featureCodes}
          canConference={canConference}
        />
      ))}
    </ul>
  );
}
