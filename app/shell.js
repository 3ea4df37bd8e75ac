// Injected on every page by kg_ui.shell(). Runs once per browser tab; a MutationObserver keeps it so as Streamlit
// renders: the page is Dutch (lang="nl" on the document element), icon ligatures ("arrow_forward") are hidden from screen readers,
// and Streamlit's own English texts and labels (toolbars, sidebar, skip link) are shown in Dutch.
(function () {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView;
  doc.documentElement.lang = "nl";
  if (win.__kennisgraafShell) return;
  win.__kennisgraafShell = true;
  const DUTCH = {
    "Skip to main content": "Naar de hoofdinhoud",
    "App pages": "Pagina's",
    "Sidebar": "Zijbalk",
    "Collapse sidebar": "Zijbalk inklappen",
    "Expand sidebar": "Zijbalk uitklappen",
    "Main menu": "Hoofdmenu",
    "Link to heading": "Link naar deze kop",
    "Download as CSV": "Download als CSV",
    "Fullscreen": "Volledig scherm",
    "Close fullscreen": "Volledig scherm sluiten",
    "Search": "Zoeken",
    "Show/hide columns": "Kolommen tonen of verbergen",
    "Open": "Openen",
    "Close": "Sluiten",
    "Clear": "Wissen",
    "Clear all": "Alles wissen",
    "Clear value": "Waarde wissen",
    "Choose an option": "Kies een optie",
    "Choose options": "Kies opties",
    "No results": "Geen resultaten",
    "Copy to clipboard": "Kopiëren",
    "Running...": "Bezig …",
    "Stop": "Stoppen",
    "Press Enter to submit form": "Druk op Enter om te verzenden",
    "Press Enter to apply": "Druk op Enter om toe te passen",
    "Page not found": "Pagina niet gevonden",
    "View more": "Meer tonen",
    "View less": "Minder tonen",
    "Show more": "Meer tonen",
    "Show less": "Minder tonen",
    "Increment": "Verhogen",
    "Decrement": "Verlagen",
  };
  const ATTRIBUTES = ["aria-label", "title", "placeholder", "alt"];
  const dutch = (text) => {
    if (!text) return null;
    const key = text.trim();
    if (Object.prototype.hasOwnProperty.call(DUTCH, key)) return DUTCH[key];
    if (key.startsWith("Help for ")) return "Uitleg bij " + key.slice(9);
    return null;
  };
  const fix = () => {
    if (doc.documentElement.lang !== "nl") doc.documentElement.lang = "nl";
    doc.querySelectorAll('[data-testid="stIconMaterial"]:not([aria-hidden])').forEach((icon) => {
      icon.setAttribute("aria-hidden", "true");
    });
    for (const name of ATTRIBUTES) {
      doc.querySelectorAll("[" + name + "]").forEach((el) => {
        const value = dutch(el.getAttribute(name));
        if (value) el.setAttribute(name, value);
      });
    }
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = dutch(node.nodeValue);
      if (value) node.nodeValue = value;
    }
  };
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    win.requestAnimationFrame(() => {
      queued = false;
      fix();
    });
  };
  fix();
  new MutationObserver(schedule).observe(doc.body, {
    childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES,
  });
})();
