import { useEffect, useState } from 'preact/hooks';
import type { PhoneSettings } from '../../shared/model/phone-settings.ts';
import { command } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t, tDynamic } from '../../shared/ui/i18n-signal.ts';
import type { MessageKey } from '../../shared/i18n.ts';
import { SelectField } from './settings-fields.tsx';

type DeviceSetting = 'microphoneId' | 'speakerId' | 'ringerId';
const CHOICES: readonly { setting: DeviceSetting; kind: MediaDeviceKind; label: MessageKey }[] = [
  { setting: 'microphoneId', kind: 'audioinput', label: 'settings_microphone' },
  { setting: 'speakerId', kind: 'audiooutput', label: 'settings_speaker' },
  { setting: 'ringerId', kind: 'audiooutput', label: 'settings_ringer' },
];

/**
 * Settings › Audio: the microphone, where calls are heard, and where the ring sounds (receptionists ring on the
 * speakers and talk on a headset). Device names show once the microphone is allowed for the extension.
 */
export function AudioTab({ phone }: { phone: PhoneSettings }) {
  const [devices, setDevices] = useState<readonly MediaDeviceInfo[]>([]);
  useEffect(() => {
    const read = () => void navigator.mediaDevices.enumerateDevices().then(setDevices);
    read();
    navigator.mediaDevices.addEventListener('devicechange', read);
    return () => navigator.mediaDevices.removeEventListener('devicechange', read);
  }, []);

  const update = async (patch: Partial<PhoneSettings>) => {
    const result = await command('settings/update-phone', patch);
    postGlobalMessage(
      result.ok ? 'info' : 'error',
      result.ok ? t('settings_saved') : tDynamic(result.error.messageKey),
    );
  };
  const hasNames = devices.some((device) => device.label !== '');

  return (
    <div class="settings__form">
      {!hasNames && <p class="field-hint">{t('settings_devices_unnamed')}</p>}
      {CHOICES.map((choice) => {
        const options = devices.filter(
          (device) => device.kind === choice.kind && device.deviceId !== 'default' && device.deviceId !== '',
        );
        const current = phone[choice.setting];
        return (
          <SelectField
            key={choice.setting}
            id={`settings-${choice.setting}`}
            label={t(choice.label)}
            value={current}
            onChange={(deviceId) => void update({ [choice.setting]: deviceId })}
          >
            <option value="">{t('settings_device_default')}</option>
            {current !== '' && !options.some((device) => device.deviceId === current) && (
              <option value={current}>{t('settings_device_absent')}</option>
            )}
            {options.map((device, index) => (
              <option key={device.deviceId} value={device.deviceId}>
                {device.label || `${t(choice.label)} ${index + 1}`}
              </option>
            ))}
          </SelectField>
        );
      })}
    </div>
  );
}
