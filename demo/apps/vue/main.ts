// A Vue 3 app as an npm user writes it: `rtchat` from the package, rt-* tags compiled as
// custom elements (vite.config in demo/apps/build.mjs), typings from `rtchat/vue`.
import { createApp } from 'vue';
import 'rtchat/define';
import App from './App.vue';

createApp(App).mount('#app');
