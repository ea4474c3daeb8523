// A link to a claim's words (/#quote-…) lands with the words and their note in view together.
// The browser alone scrolls the words to the top, which can leave the note below the fold: after the
// paragraph on a phone, or lower in the margin when a paragraph has several notes. So the page is
// scrolled, as little as possible, to show both. The note itself stays where it is: in the margin it
// already sits in the band of its words, and moving it would shift the notes around it.
// Without JavaScript the link still lands on the words.
(function () {
  "use strict";
  var GAP = 8; // pixels kept clear above, below the sticky header, and below

  function land() {
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    var words = target && target.closest("mark.ann-quote");
    if (!words || !/^quote-/.test(words.id)) {
      return;
    }
    var note = document.getElementById("note-" + words.id.replace(/^quote-/, "").replace(/--.*$/, ""));
    if (!note) {
      return;
    }
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom + GAP : GAP;
    var bottom = window.innerHeight - GAP;
    var wordsBox = words.getBoundingClientRect();
    var noteBox = note.getBoundingClientRect();
    var from = Math.min(wordsBox.top, noteBox.top);
    var to = Math.max(wordsBox.bottom, noteBox.bottom);
    var by = 0;
    if (to - from > bottom - top) {
      by = wordsBox.top - top; // both cannot fit: the words first, at the top
    } else if (from < top) {
      by = from - top;
    } else if (to > bottom) {
      by = to - bottom;
    }
    if (by !== 0) {
      window.scrollBy(0, by);
    }
  }

  function soon() {
    window.requestAnimationFrame(land);
  }

  if (document.readyState === "complete") {
    soon();
  } else {
    window.addEventListener("load", soon);
  }
  window.addEventListener("hashchange", soon);
})();
