import { mountExtensionPage } from '../shared/ui/mount.tsx';
import { App } from './shell/app.tsx';
import './sidepanel.css';

mountExtensionPage('sidepanel', (mirror) => <App mirror={mirror} />);
