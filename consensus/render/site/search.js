/* The start page's search: narrows the lists as one types. Everything is on the page without it;
   this only hides what does not match. It reads window.consensusSearch (search-index.js): per
   decision its words, folded as `consensus list --search` folds them. No network, works from file://. */
(function () {
  "use strict";
  var form = document.getElementById("finder");
  var index = window.consensusSearch;
  if (!form || !index || !index.words) { return; }
  var query = document.getElementById("q");
  var show = document.getElementById("show");
  var tag = document.getElementById("tag");
  var count = document.getElementById("count");
  var items = Array.prototype.slice.call(document.querySelectorAll("li[data-id]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  var blocks = Array.prototype.slice.call(document.querySelectorAll("section[data-kind]"));
  var lookalike = { "ı": "i", "ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ß": "ss" };

  /* As consensus folds: no case, no accents, a few letters that look alike. */
  function fold(text) {
    return text.toLowerCase().replace(/[ıøłđæœß]/g, function (c) { return lookalike[c]; })
      .normalize("NFKD").replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "");
  }

  function matches(item, words, wantedTag) {
    var id = item.getAttribute("data-id");
    if (wantedTag && (" " + item.getAttribute("data-tags") + " ").indexOf(" " + wantedTag + " ") < 0) {
      return false;
    }
    var haystack = index.words[id] || "";
    return words.every(function (w) { return haystack.indexOf(w) >= 0 || id.indexOf(w) === 0; });
  }

  function apply() {
    var words = fold(query.value).split(/\s+/).filter(Boolean);
    var kind = show.value;
    var wantedTag = tag.value;
    var filtering = words.length > 0 || kind !== "" || wantedTag !== "";
    var found = {};
    items.forEach(function (item) { item.hidden = filtering && !matches(item, words, wantedTag); });
    groups.forEach(function (group) { group.hidden = filtering && !group.querySelector("li[data-id]:not([hidden])"); });
    blocks.forEach(function (block) {
      var kept = !filtering || ((kind === "" || block.getAttribute("data-kind") === kind)
        && block.querySelector("li[data-id]:not([hidden])") !== null);
      block.hidden = !kept;
      if (kept && filtering) {
        block.querySelectorAll("li[data-id]:not([hidden])").forEach(function (item) {
          found[item.getAttribute("data-id")] = true;
        });
      }
    });
    if (!filtering) { count.textContent = ""; return; }
    var n = Object.keys(found).length;
    var said = n === 0 ? form.getAttribute("data-none") : n === 1 ? form.getAttribute("data-one") : form.getAttribute("data-many");
    count.textContent = said.replace("{n}", String(n));
  }

  var timer = null;
  function soon() { clearTimeout(timer); timer = setTimeout(apply, 80); }
  query.addEventListener("input", soon);
  show.addEventListener("change", apply);
  tag.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.hidden = false;
  if (query.value || show.value || tag.value) { apply(); }  /* kept by the browser on the way back */
}());
