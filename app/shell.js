// Injected on every page by kg_ui.shell(): the page is Dutch, and icon ligatures ("arrow_forward") are not read
// out by screen readers. Runs once per browser tab; a MutationObserver keeps newly rendered icons hidden.
(function () {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  doc.documentElement.lang = "nl";
  if (doc.defaultView.__kennisgraafShell) return;
  doc.defaultView.__kennisgraafShell = true;
  const hide = (root) => {
    root.querySelectorAll('[data-testid="stIconMaterial"]:not([aria-hidden])').forEach((icon) => {
      icon.setAttribute("aria-hidden", "true");
    });
    if (doc.documentElement.lang !== "nl") doc.documentElement.lang = "nl";
  };
  hide(doc);
  new MutationObserver(() => hide(doc)).observe(doc.body, { childList: true, subtree: true });
})();
