// A Svelte 5 app as an npm user writes it: `rtchat` from the package, typings from `rtchat/svelte`.
import { mount } from 'svelte';
import 'rtchat/define';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('the page has no #app');
mount(App, { target });
