// Pairs each quote with its note: pointing at one (hover or keyboard focus) lights the other, and so
// does following a link to either. A note's id is note-<id>; its quotes are quote-<id> and, for the
// further claims it anchors, quote-<id>--<claim>. Without this script each lights only itself.
(function () {
  "use strict";
  var LIT = "ann-lit";
  var QUOTE = "mark.ann-quote[id]";
  var NOTE = "aside.ann-note[id]";

  function noteId(element) {
    return element.matches(NOTE) ? element.id.slice("note-".length) : element.id.slice("quote-".length).split("--")[0];
  }

  // The note and every quote of the note that `element` (a quote or a note) belongs to.
  function pair(element) {
    var id = noteId(element);
    var members = Array.prototype.slice.call(
      document.querySelectorAll('mark.ann-quote[id="quote-' + id + '"], mark.ann-quote[id^="quote-' + id + '--"]'));
    var note = document.getElementById("note-" + id);
    if (note) {
      members.push(note);
    }
    return members;
  }

  // The innermost quote or the note around a node: nested quotes light only the one pointed at.
  function owner(node) {
    return node && node.closest ? node.closest(QUOTE + ", " + NOTE) : null;
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

  var targeted = null;
  function showTarget() {
    light(targeted, false, "target");
    var id = decodeURIComponent(window.location.hash.slice(1));
    var element = id ? document.getElementById(id) : null;
    targeted = element && (element.matches(QUOTE) || element.matches(NOTE)) ? element : owner(element);
    light(targeted, true, "target");
  }

  track("pointer", "mouseover", "mouseout");
  track("focus", "focusin", "focusout");
  window.addEventListener("hashchange", showTarget);
  showTarget();
})();
