// A link to a claim's words (/#quote-…) lands with their sentence, from its start, and their note in view,
// scrolling as little as possible; the note stays where it is. Without JavaScript it lands on the words.
(function () {
  "use strict";
  var GAP = 8; // pixels kept clear above, below the sticky header, and below

  // The top of the line where the words' sentence starts: data-sentence-lead characters before them.
  function sentenceTop(words) {
    var lead = parseInt(words.dataset.sentenceLead || "0", 10);
    var paragraph = words.closest("p, li") || words.parentElement;
    var walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    var before = [];
    for (var node = walker.nextNode(); node && !words.contains(node); node = walker.nextNode()) {
      if (!node.parentElement.closest(".ann-margin")) {
        before.push(node);
      }
    }
    var top = words.getBoundingClientRect().top;
    for (var i = before.length - 1; i >= 0 && lead > 0; i--) {
      var text = before[i];
      var start = Math.max(0, text.length - lead);
      lead -= text.length - start;
      if (start < text.length) {
        var range = document.createRange();
        range.setStart(text, start);
        range.setEnd(text, Math.min(text.length, start + 1));
        var rect = range.getClientRects()[0];
        if (rect) {
          top = Math.min(top, rect.top);
        }
      }
    }
    return top;
  }

  function land() {
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    var words = target && target.closest("mark.ann-quote");
    if (!words || !/^quote-/.test(words.id)) {
      return;
    }
    var note = document.getElementById("note-" + words.id.replace(/^quote-/, "").replace(/--.*$/, ""));
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom + GAP : GAP;
    var bottom = window.innerHeight - GAP;
    var wordsBox = words.getBoundingClientRect();
    var start = sentenceTop(words);
    var noteBox = note ? note.getBoundingClientRect() : wordsBox;
    var from = Math.min(start, noteBox.top);
    var to = Math.max(wordsBox.bottom, noteBox.bottom);
    var by = 0;
    if (to - from > bottom - top) {
      by = start - top; // all cannot fit: the sentence first, from its start at the top
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
