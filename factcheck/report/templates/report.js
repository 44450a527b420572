(function () {
  "use strict";
  var panel = document.getElementById("detail");
  var text = document.querySelector("article.article-text");
  if (!panel || !text) { return; }
  var empty = panel.querySelector(".detail-empty");
  var blocks = panel.querySelectorAll(".detail-block");
  var active = null;
  function show(mark) {
    var n = mark.getAttribute("data-n");
    for (var i = 0; i < blocks.length; i++) {
      blocks[i].hidden = blocks[i].getAttribute("data-n") !== n;
    }
    empty.hidden = true;
    if (active) { active.classList.remove("active"); active.setAttribute("aria-expanded", "false"); }
    mark.classList.add("active");
    mark.setAttribute("aria-expanded", "true");
    active = mark;
  }
  function markOf(event) {
    var node = event.target;
    if (node.nodeType !== 1) { node = node.parentNode; }
    return node && node.closest ? node.closest(".claim[data-n]") : null;
  }
  // One listener each on the text: a click lands on the innermost mark, which is the claim meant.
  text.addEventListener("click", function (event) {
    var mark = markOf(event);
    if (mark) { event.preventDefault(); show(mark); }
  });
  text.addEventListener("focusin", function (event) {
    var mark = markOf(event);
    if (mark) { show(mark); }
  });
  text.addEventListener("keydown", function (event) {
    var mark = markOf(event);
    if (mark && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); show(mark); }
  });
})();
