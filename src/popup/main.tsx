import './popup.css';
import { mountExtensionPage } from '../shared/ui/mount.tsx';
import { PopupView } from './popup-view.tsx';

// The popup renders the line, its services, the calls (and those on the user's other phones), recent numbers, speed
// dials and the site switch: not the workspace, the conference or the phone settings.
mountExtensionPage('popup', (mirror) => <PopupView mirror={mirror} />, [
  'general',
  'account',
  'registration',
  'services',
  'calls',
  'callsElsewhere',
  'voicemail',
  'history',
  'clickToCall',
  'microphone',
  'contacts',
]);
