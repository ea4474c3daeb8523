// Search loads when a reader first opens or focuses it, not with every page.
// Material starts its search worker and requests the whole search index as soon as a page loads.
// This runs in the head, before Material's script: it hands Material a stand-in for the search worker
// and holds back the index request, and both go ahead at the first focus of, or press on, the search
// box, opening of the search dialog, or on a page reached from a search result (whose words Material
// highlights). Zensical's search runs a worker at the same kind of address, and starts the same way.
// Every other worker and request passes through untouched, and search itself is Material's, unchanged.
// It also names Material's search dialog after its search box (axe: aria-dialog-name), which would
// otherwise take an override of partials/search.html, a template Zensical's own search replaces.
(function () {
  "use strict";
  var RealWorker = window.Worker;
  var realOpen = XMLHttpRequest.prototype.open;
  var realSend = XMLHttpRequest.prototype.send;
  if (!RealWorker || !window.EventTarget) {
    return;
  }
  var SEARCH_WORKER = /\/workers\/search\.[^/]*\.js(\?|$)/;
  var SEARCH_INDEX = /\/search\/search_index\.json(\?|$)/;
  var wanted = false;
  var waiting = [];
  var held = new WeakSet();

  function whenWanted(run) {
    if (wanted) {
      run();
    } else {
      waiting.push(run);
    }
  }

  function want() {
    if (!wanted) {
      wanted = true;
      waiting.splice(0).forEach(function (run) { run(); });
    }
  }

  // A worker that starts for real when search is wanted; messages sent before then wait for it.
  function OnDemandWorker(url, options) {
    var self = new EventTarget();
    var worker = null;
    var outbox = [];
    self.postMessage = function (message) {
      if (worker) {
        worker.postMessage(message);
      } else {
        outbox.push(message);
      }
    };
    self.terminate = function () {
      if (worker) {
        worker.terminate();
      }
      outbox = [];
    };
    whenWanted(function () {
      worker = new RealWorker(url, options);
      ["message", "messageerror", "error"].forEach(function (type) {
        worker.addEventListener(type, function (event) {
          var copy = type === "error" ? new ErrorEvent("error", event) : new MessageEvent(type, {data: event.data});
          self.dispatchEvent(copy);
          if (typeof self["on" + type] === "function") {
            self["on" + type](copy);
          }
        });
      });
      outbox.splice(0).forEach(function (message) { worker.postMessage(message); });
    });
    return self;
  }

  window.Worker = function (url, options) {
    return SEARCH_WORKER.test(String(url)) ? OnDemandWorker(url, options) : new RealWorker(url, options);
  };
  window.Worker.prototype = RealWorker.prototype;

  XMLHttpRequest.prototype.open = function (method, url) {
    if (SEARCH_INDEX.test(String(url))) {
      held.add(this);
    }
    return realOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!held.has(request)) {
      return realSend.apply(request, args);
    }
    whenWanted(function () { realSend.apply(request, args); });
  };

  // Focus or a press anywhere in the search box or dialog, whichever builder drew it (Material, Zensical).
  function inSearch(event) {
    if (event.target.closest && event.target.closest('[data-md-component="search"], .md-search')) {
      want();
    }
  }
  document.addEventListener("focusin", inSearch);
  document.addEventListener("pointerdown", inSearch);
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) {
      want();
    }
  });
  if (/[?&]h=/.test(window.location.search)) {
    want();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label]):not([aria-labelledby])');
    var input = dialog && dialog.querySelector("input.md-search__input");
    if (input) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder);
    }
  });
})();
