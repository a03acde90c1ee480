import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// One source, two browsers: Chrome MV3 gets a side panel, Firefox MV3 a sidebar (WXT maps the `sidepanel` entrypoint).
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'HN Matome',
    description: 'Japanese digests of Hacker News threads: quote cards in the side panel, Hugo export, favourites.',
    // Only what the product needs: its own storage, the panel, and HN pages. Model endpoints are asked for at run time.
    permissions: browser === 'firefox' ? ['storage'] : ['storage', 'sidePanel'],
    host_permissions: ['https://news.ycombinator.com/*'],
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
