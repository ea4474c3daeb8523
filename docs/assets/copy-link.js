// Copy-link buttons on section headings, notes and the rows of the claims ledger.
// Without JavaScript, or where the Clipboard API is missing, the permalinks stay ordinary links to
// their anchors. With it, a click copies the full link and shows a confirmation that screen readers
// announce. The confirmation is positioned over the page, so nothing moves when it appears.
// A note's button links to the words it answers (#quote-…), where a reader should land. When the site's
// address is known, the build gives each link its published address (data-url), and that is what is
// copied: the same link from the published site, a preview or the offline copy.
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
    // A note's link shows while the note is open; keep it open, so the confirmation stays in view.
    var details = link.closest("details");
    if (details) {
      details.open = true;
    }
    window.setTimeout(function () { bubble.remove(); }, SHOWN_FOR_MS);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(SELECTOR) : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    var here = new URL(link.getAttribute("href"), window.location.href).href;
    var published = link.getAttribute("data-url") || "";
    var url = /^https?:\/\//.test(published) ? published : here;
    navigator.clipboard.writeText(url).then(
      function () {
        // The address bar shows the link when it is to this page (a ledger row's link is to the article).
        if (here.split("#")[0] === window.location.href.split("#")[0]) {
          window.history.replaceState(null, "", here);
        }
        confirmCopy(link);
      },
      function () { window.location.href = here; }
    );
  });
})();
