import { mountExtensionPage } from '../shared/ui/mount.tsx';
import { PopupView } from './popup-view.tsx';
import './popup.css';

// The popup renders the line, its services, the calls, recent numbers and the site switch: not the workspace,
// the conference or the phone settings.
mountExtensionPage('popup', (mirror) => <PopupView mirror={mirror} />, [
  'general',
  'account',
  'registration',
  'services',
  'calls',
  'voicemail',
  'history',
  'clickToCall',
  'microphone',
]);
