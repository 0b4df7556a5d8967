import { mountExtensionPage } from '../shared/ui/mount.tsx';
import { PopupView } from './popup-view.tsx';
import './popup.css';

mountExtensionPage('popup', (mirror) => <PopupView mirror={mirror} />);
