// The browser suite in stock Firefox (Debian's firefox-esr), driven over WebDriver BiDi by
// puppeteer-core: `npm run test:firefox`. FIREFOX_PATH picks the binary.
import { configFor } from './tools/test-config.mjs';

export default configFor('firefox');
