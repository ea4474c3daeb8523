// Copy-link buttons on section headings and notes.
// Without JavaScript, or where the Clipboard API is missing, the permalinks stay ordinary links to
// their anchors. With it, a click copies the full link and shows a confirmation that screen readers
// announce. The confirmation is positioned over the page, so nothing moves when it appears.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  var SELECTOR = "a.headerlink, a.ann-permalink";
  var SHOWN_FOR_MS = 2500;

  function confirmCopy(link) {
    var old = link.querySelector(".copy-confirmation");
    if (old) {
      old.remove();
    }
    var bubble = document.createElement("span");
    bubble.className = "copy-confirmation";
    bubble.setAttribute("role", "status");
    bubble.textContent = "Link copied";
    link.appendChild(bubble);
    window.setTimeout(function () { bubble.remove(); }, SHOWN_FOR_MS);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(SELECTOR) : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    var url = new URL(link.getAttribute("href"), window.location.href).href;
    navigator.clipboard.writeText(url).then(
      function () {
        window.history.replaceState(null, "", url);
        confirmCopy(link);
      },
      function () { window.location.href = url; }
    );
  });
})();
