import '@/lib/zod-config';
export default defineBackground(() => {
  // Chrome: the toolbar icon opens the side panel for the tab it was clicked in.
  if (import.meta.env.CHROME) {
    browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch((err: unknown) => console.error('setPanelBehavior', err));
  }
  // Firefox: the icon toggles the sidebar (the call must happen inside the click's user gesture).
  if (import.meta.env.FIREFOX) {
    // Firefox-only API, absent from the Chrome types WXT gives `browser`.
    const { sidebarAction } = browser as unknown as { sidebarAction: { toggle(): Promise<void> } };
    browser.action.onClicked.addListener(() => void sidebarAction.toggle());
  }
});
