// The identity map page: clicks and Enter on a node ask the extension to open its source; the toolbar's buttons
// ask for the exports. No inline handlers (the page's content security policy allows only this nonce'd script).
(function () {
  const vscode = acquireVsCodeApi();
  const nodeOf = (target) => (target && target.closest ? target.closest('[data-node]') : null);
  const open = (node) => vscode.postMessage({ type: 'open', id: node.getAttribute('data-node') });

  document.addEventListener('click', (event) => {
    const node = nodeOf(event.target);
    if (node) {
      node.focus();
      open(node);
    }
  });
  document.addEventListener('keydown', (event) => {
    const node = nodeOf(event.target);
    if (node && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      open(node);
    }
  });
  // Fitted, a wide map shows whole (smaller); at actual size it scrolls.
  const fit = document.getElementById('fit');
  const map = document.getElementById('map');
  if (fit && map) {
    fit.addEventListener('click', () => {
      const on = map.classList.toggle('fit');
      fit.setAttribute('aria-pressed', String(on));
    });
  }
  const save = document.getElementById('save-svg');
  if (save) save.addEventListener('click', () => vscode.postMessage({ type: 'saveSvg' }));
  const copy = document.getElementById('copy-mermaid');
  if (copy) copy.addEventListener('click', () => vscode.postMessage({ type: 'copyMermaid' }));
})();
