// Claims and their partners in the margin. Pointing at, focusing or following a link to a quote, a note
// (note-<id>; its quotes quote-<id>, quote-<id>--<claim>) or a further claim's line (data-note) lights the
// others of its note. A link to a note opens it where it is, scrolling no further than keeps the claim's
// words on screen, and moves focus into it; Escape closes it and returns focus. Every opening is its
// <details>, so what is announced is what is shown; in the margin one note is open at a time.
// Without this script each lights itself and a number is an ordinary link to its note.
(function () {
  "use strict";
  var LIT = "ann-lit";
  var QUOTE = "mark.ann-quote[id]";
  var NOTE = "aside.ann-note[id]";
  var PARTNER = "p.ann-partner[data-note]";
  var GAP = 8; // pixels kept clear below the sticky header and above the bottom of the window
  var margin = window.matchMedia("(min-width: 60em)");

  function noteId(element) {
    if (element.matches(PARTNER)) {
      return element.dataset.note;
    }
    return element.matches(NOTE) ? element.id.slice("note-".length) : element.id.slice("quote-".length).split("--")[0];
  }

  // The note, every quote of the note and the margin lines of its further claims.
  function pair(element) {
    var id = noteId(element);
    var members = Array.prototype.slice.call(document.querySelectorAll(
      'mark.ann-quote[id="quote-' + id + '"], mark.ann-quote[id^="quote-' + id + '--"], p.ann-partner[data-note="' + id + '"]'));
    var note = document.getElementById("note-" + id);
    if (note) {
      members.push(note);
    }
    return members;
  }

  // The innermost quote, the note or the margin line around a node: nested quotes light only the one pointed at.
  function owner(node) {
    return node && node.closest ? node.closest(QUOTE + ", " + NOTE + ", " + PARTNER) : null;
  }

  function light(element, on, reason) {
    if (!element) {
      return;
    }
    pair(element).forEach(function (member) {
      var reasons = (member.dataset.annLit || "").split(" ").filter(Boolean).filter(function (r) { return r !== reason; });
      if (on) {
        reasons.push(reason);
      }
      member.dataset.annLit = reasons.join(" ");
      member.classList.toggle(LIT, reasons.length > 0);
    });
  }

  // Entering an element lights its pair and puts out the pair just left; leaving the page puts it out.
  function track(reason, enter, leave) {
    document.addEventListener(enter, function (event) {
      var from = owner(event.relatedTarget);
      var to = owner(event.target);
      if (from !== to) {
        light(from, false, reason);
        light(to, true, reason);
      }
    });
    document.addEventListener(leave, function (event) {
      if (!event.relatedTarget) {
        light(owner(event.target), false, reason);
      }
    });
  }

  // Opened notes, the last one last, with the element that had focus when each opened.
  var opened = [];

  function details(note) {
    return note.querySelector(":scope > details");
  }

  function remember(note, opener) {
    opened = opened.filter(function (entry) { return entry.note !== note; });
    opened.push({ note: note, opener: opener });
  }

  function open(note, opener) {
    var box = details(note);
    if (box && !box.open) {
      remember(note, opener);
      box.open = true;
    }
  }

  function close(entry, restoreFocus) {
    details(entry.note).open = false;
    if (restoreFocus) {
      var back = entry.opener && entry.opener.isConnected && !entry.note.contains(entry.opener)
        ? entry.opener : entry.note.querySelector("summary");
      back.focus({ preventScroll: true });
    }
  }

  // In the margin an opened note covers the notes below it: only one is open at a time there.
  document.addEventListener("toggle", function (event) {
    var box = event.target;
    var note = box.parentElement;
    if (!note || !note.matches(NOTE) || box !== details(note)) {
      return;
    }
    if (!box.open) {
      opened = opened.filter(function (entry) { return entry.note !== note; });
      return;
    }
    if (!opened.some(function (entry) { return entry.note === note; })) {
      remember(note, document.activeElement);
    }
    if (margin.matches) {
      opened.filter(function (entry) { return entry.note !== note; }).forEach(function (entry) { close(entry, false); });
    }
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented || !opened.length
        || (event.target.closest && event.target.closest(".md-search, input, textarea, select"))) {
      return;
    }
    var entry = opened[opened.length - 1];
    close(entry, entry.note.contains(document.activeElement) || document.activeElement === document.body);
  });

  // A click outside the note open in the margin closes it, as a click elsewhere closes a popup.
  document.addEventListener("click", function (event) {
    if (!margin.matches || !opened.length || event.button !== 0) {
      return;
    }
    var entry = opened[opened.length - 1];
    if (!entry.note.contains(event.target) && !(event.target.closest && event.target.closest('a[href^="#note-"]'))) {
      close(entry, false);
    }
  });

  // Scrolls as little as shows `show`, never moving `keep` (the claim's words) off screen.
  function scrollToShow(show, keep) {
    var header = document.querySelector(".md-header");
    var top = (header ? header.getBoundingClientRect().bottom : 0) + GAP;
    var bottom = window.innerHeight - GAP;
    var by = 0;
    if (show.bottom > bottom) {
      by = Math.min(show.bottom - bottom, keep ? keep.top - top : show.top - top);
    } else if (show.top < top) {
      by = Math.max(show.top - top, keep ? keep.bottom - bottom : show.bottom - bottom);
    }
    if (by !== 0) {
      window.scrollBy(0, by);
    }
  }

  // Following a link to a note on this page: open it where it is.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#note-"]') : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var note = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!note || !note.matches(NOTE)) {
      return;
    }
    event.preventDefault();
    var words = link.closest(QUOTE);
    open(note, link);
    var head = note.querySelector("summary").getBoundingClientRect();
    var whole = details(note).querySelector(".ann-note__body").getBoundingClientRect();
    // Beside its words in the margin, a note whose head is in view is where the reader is looking already.
    var inView = head.top >= 0 && head.bottom <= window.innerHeight;
    if (!(margin.matches && inView)) {
      scrollToShow({ top: head.top, bottom: Math.max(head.bottom, whole.bottom) }, words ? words.getBoundingClientRect() : null);
    }
    if (window.location.hash !== link.getAttribute("href")) {
      window.history.pushState(null, "", link.getAttribute("href"));
    }
    showTarget();
    note.querySelector("summary").focus({ preventScroll: true });
  });

  var targeted = null;
  function showTarget() {
    light(targeted, false, "target");
    var id = decodeURIComponent(window.location.hash.slice(1));
    var element = id ? document.getElementById(id) : null;
    targeted = element && (element.matches(QUOTE) || element.matches(NOTE)) ? element : owner(element);
    light(targeted, true, "target");
    // A note reached by a link (its own id or a former one) opens.
    if (targeted && targeted.matches(NOTE) && targeted.contains(element)) {
      open(targeted, null);
    }
  }

  track("pointer", "mouseover", "mouseout");
  track("focus", "focusin", "focusout");
  window.addEventListener("hashchange", showTarget);
  showTarget();
})();
