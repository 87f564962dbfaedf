// reportdiff side-by-side view: filters by kind of change and by chapter. Without this script
// every row shows; it only hides rows and blocks, never adds content.
(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  bar.hidden = false;
  var boxes = Array.prototype.slice.call(bar.querySelectorAll("input[name=kind]"));
  var chapter = document.getElementById("chapter");
  var blocks = Array.prototype.slice.call(document.querySelectorAll(".block"));
  var shown = document.getElementById("shown");
  function apply() {
    var kinds = {};
    boxes.forEach(function (box) { kinds[box.value] = box.checked; });
    var wanted = chapter.value;
    var total = 0;
    blocks.forEach(function (block) {
      var inChapter = !wanted || block.getAttribute("data-chapter") === wanted;
      var visible = 0;
      Array.prototype.forEach.call(block.querySelectorAll(".row:not(.head-row)"), function (row) {
        var on = inChapter && kinds[row.getAttribute("data-kind")] === true;
        row.hidden = !on;
        if (on) { visible += 1; }
      });
      block.hidden = visible === 0;
      total += visible;
    });
    if (shown) { shown.textContent = String(total); }
  }
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  chapter.addEventListener("change", apply);
  // A link to a row hidden by a filter shows that row's block and kind again.
  window.addEventListener("hashchange", function () {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.closest(".row") && target.closest(".row").hidden) {
      var kind = target.closest(".row").getAttribute("data-kind");
      boxes.forEach(function (box) { if (box.value === kind) { box.checked = true; } });
      chapter.value = "";
      apply();
      target.scrollIntoView();
    }
  });
  apply();
})();
