// The worksheet (/exercise/): students mark the sentences they doubt, then check their marks.
// The page itself says nothing about the answers. They are in a separate script, loaded only when the
// student asks to check (or follows an old link to a claim on this page). Marks are kept in this
// browser's localStorage, under one key, and sent nowhere. Without JavaScript the page is plain text
// with a link to the answer key.
(function () {
  "use strict";
  var sheet = document.querySelector(".worksheet[data-answers]");
  if (!sheet) {
    return;
  }
  var KEY = sheet.getAttribute("data-storage-key");
  var COUNT = Number(sheet.getAttribute("data-sentences"));
  var status = sheet.querySelector(".worksheet__status");
  var summary = sheet.querySelector(".worksheet__summary");
  var checkButton = sheet.querySelector(".worksheet__check");
  var hideButton = sheet.querySelector(".worksheet__hide");
  var clearButton = sheet.querySelector(".worksheet__clear");
  var sentences = Array.prototype.slice.call(sheet.querySelectorAll(".worksheet__sentence"));
  var answersLoading = null;

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // storage blocked: marks still work, for this visit only
    }
  }

  function loadMarks() {
    var store = storage();
    var saved = null;
    try {
      saved = store && JSON.parse(store.getItem(KEY) || "null");
    } catch (error) {
      saved = null;
    }
    // Marks saved for a different text (another number of sentences) would land on the wrong sentences.
    if (!saved || saved.sentences !== COUNT || !Array.isArray(saved.marked)) {
      return [];
    }
    return saved.marked;
  }

  function saveMarks() {
    var store = storage();
    if (store) {
      try {
        store.setItem(KEY, JSON.stringify({ sentences: COUNT, marked: marked() }));
      } catch (error) {
        // full or blocked: the marks stay on the page until it is closed
      }
    }
  }

  function marked() {
    return sentences.filter(function (sentence) {
      return sentence.getAttribute("aria-checked") === "true";
    }).map(function (sentence) { return Number(sentence.getAttribute("data-number")); });
  }

  function describeMarks() {
    var count = marked().length;
    status.textContent = count === 0 ? "No sentence marked yet." :
      count === 1 ? "You have marked 1 sentence." : "You have marked " + count + " sentences.";
  }

  function setMark(sentence, on) {
    sentence.setAttribute("aria-checked", on ? "true" : "false");
  }

  function toggle(sentence) {
    setMark(sentence, sentence.getAttribute("aria-checked") !== "true");
    saveMarks();
    describeMarks();
    if (!summary.hidden) {
      showResults(window.worksheetAnswers);
    }
  }

  function loadAnswers() {
    if (window.worksheetAnswers) {
      return Promise.resolve(window.worksheetAnswers);
    }
    if (!answersLoading) {
      answersLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = sheet.getAttribute("data-answers");
        script.onload = function () { resolve(window.worksheetAnswers); };
        script.onerror = function () {
          answersLoading = null;
          reject(new Error("answers not loaded"));
        };
        document.head.appendChild(script);
      });
    }
    return answersLoading;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function link(href, text) {
    var node = element("a", "", text);
    node.href = href;
    return node;
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function clearResults() {
    sheet.querySelectorAll(".worksheet__result").forEach(function (node) { node.remove(); });
    sentences.forEach(function (sentence) { sentence.removeAttribute("data-result"); });
    summary.textContent = "";
    summary.hidden = true;
    hideButton.hidden = true;
  }

  // What one sentence turned out to be, next to it: its kind, whether the mark was right, and its claims.
  function result(item, isMarked, labels) {
    var outcome = item.expect === "doubt" ? (isMarked ? "found" : "missed") :
      isMarked ? (item.expect === "partly" ? "fair" : item.expect === "opinion" ? "opinion" : "holds") : null;
    if (!outcome) {
      return null;
    }
    var headline = {
      found: "Right to doubt it.",
      missed: "Missed: worth doubting.",
      fair: "Fair to doubt it.",
      opinion: "An opinion, not a fact to check.",
      holds: item.expect === "none" ? "No factual claim here." : "This one holds up.",
    }[outcome];
    var meaning = item.reason || labels[item.expect].meaning + ".";
    var box = element("span", "worksheet__result worksheet__result--" + outcome);
    box.appendChild(element("strong", "", headline));
    box.appendChild(document.createTextNode(" " + meaning.charAt(0).toUpperCase() + meaning.slice(1)));
    item.claims.forEach(function (claim) {
      box.appendChild(document.createTextNode(" "));
      box.appendChild(link(claim.href, "Claim " + claim.number));
      box.appendChild(document.createTextNode(" “" + claim.words + "”: " + claim.verdict + ". " + claim.why + " ("));
      box.appendChild(link(claim.noteHref, "note"));
      box.appendChild(document.createTextNode(")."));
    });
    return { outcome: outcome, box: box };
  }

  function showResults(answers) {
    clearResults();
    var marks = marked();
    var counts = { found: 0, missed: 0, fair: 0, opinion: 0, holds: 0 };
    answers.items.forEach(function (item) {
      var sentence = document.getElementById("sentence-" + item.number);
      var shown = sentence && result(item, marks.indexOf(item.number) !== -1, answers.labels);
      if (!shown) {
        return;
      }
      counts[shown.outcome] += 1;
      sentence.setAttribute("data-result", shown.outcome);
      sentence.insertAdjacentElement("afterend", shown.box);
    });
    var doubtful = counts.found + counts.missed;
    var lines = [
      "You marked " + plural(marks.length, "sentence", "sentences") + ". The notes find " +
        plural(doubtful, "sentence", "sentences") + " worth doubting: you found " + counts.found + " and missed " +
        counts.missed + ".",
    ];
    if (counts.fair) {
      lines.push(plural(counts.fair, "of your marks is", "of your marks are") +
        " on a sentence that is mostly accurate: fair to doubt.");
    }
    if (counts.holds + counts.opinion) {
      lines.push(plural(counts.holds + counts.opinion, "of your marks is", "of your marks are") +
        " on a sentence that holds up, makes no factual claim or gives an opinion.");
    }
    summary.appendChild(element("p", "", lines.join(" ")));
    var more = element("p");
    more.appendChild(document.createTextNode("Every sentence, with the notes' reasons: "));
    more.appendChild(link(answers.key, "the answer key"));
    more.appendChild(document.createTextNode(". The article with every note: "));
    more.appendChild(link(answers.article, "the annotated article"));
    more.appendChild(document.createTextNode("."));
    summary.appendChild(more);
    summary.hidden = false;
    hideButton.hidden = false;
  }

  function check() {
    loadAnswers().then(showResults, function () {
      summary.textContent = "The answers could not be loaded. The answer key has them all.";
      summary.hidden = false;
    });
  }

  // An old link to a claim on this page (#quote-… or #note-…) goes to its sentence, without showing answers.
  function followOldLink() {
    var anchor = decodeURIComponent(window.location.hash.slice(1));
    if (!/^(quote|note)-/.test(anchor)) {
      return;
    }
    loadAnswers().then(function (answers) {
      var item = answers.items.filter(function (candidate) {
        return candidate.anchors.indexOf(anchor) !== -1;
      })[0];
      var sentence = item && document.getElementById("sentence-" + item.number);
      if (sentence) {
        sentence.scrollIntoView({ block: "center" });
        sentence.focus({ preventScroll: true });
      }
    }, function () {});
  }

  var saved = loadMarks();
  sentences.forEach(function (sentence) {
    sentence.setAttribute("role", "checkbox");
    sentence.setAttribute("tabindex", "0");
    setMark(sentence, saved.indexOf(Number(sentence.getAttribute("data-number"))) !== -1);
    sentence.addEventListener("click", function (event) {
      if (!event.target.closest("a")) {
        toggle(sentence);
      }
    });
    sentence.addEventListener("keydown", function (event) {
      if (event.key === " " || event.key === "Enter") {
        event.preventDefault();
        toggle(sentence);
      }
    });
  });
  sheet.classList.add("worksheet--interactive");
  describeMarks();
  checkButton.addEventListener("click", check);
  hideButton.addEventListener("click", clearResults);
  clearButton.addEventListener("click", function () {
    sentences.forEach(function (sentence) { setMark(sentence, false); });
    saveMarks();
    describeMarks();
    clearResults();
  });
  followOldLink();
})();
