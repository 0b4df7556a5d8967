// The shared styles first: each feature's styles, bundled after them, may refine them.
import './sidepanel.css';
import { mountExtensionPage } from '../shared/ui/mount.tsx';
import { App } from './shell/app.tsx';

mountExtensionPage('sidepanel', (mirror) => <App mirror={mirror} />);
