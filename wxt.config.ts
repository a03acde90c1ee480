import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// One source, two browsers: Chrome MV3 gets a side panel, Firefox MV3 a sidebar (WXT maps the `sidepanel` entrypoint).
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // The content script runs on every HN thread: it gets the browser's own API, not the polyfill (a quarter of its
    // bundle for nothing: its few calls answer through sendResponse, the same in Chrome and Firefox).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const own = { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' };
      const alias = config.resolve?.alias;
      const rest = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }));
      config.resolve = { ...config.resolve, alias: [own, ...rest.filter((a) => String(a.find) !== 'wxt/browser')] };
    },
  },
  manifest: ({ browser }) => ({
    name: 'HN Matome',
    description: 'Japanese digests of Hacker News threads: quote cards in the side panel, Hugo export, favourites.',
    // Only what the product needs: its own storage, the panel, a timer that resumes unfinished jobs, and HN pages.
    // unlimitedStorage: favourites must never be lost to storage.local's 10 MB (a full shelf still fails loudly, not silently).
    permissions: browser === 'firefox' ? ['storage', 'unlimitedStorage', 'alarms'] : ['storage', 'unlimitedStorage', 'alarms', 'sidePanel'],
    host_permissions: ['https://news.ycombinator.com/*'],
    // The model endpoint the user configures is asked for when they save it, never up front.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'HN Matome' },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'hn-matome@hn-matome.dev',
          // data_collection_permissions came in Firefox 140 (142 on Android).
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
