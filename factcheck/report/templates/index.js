(function () {
  "use strict";
  var table = document.querySelector("table.sortable");
  if (!table) { return; }
  var heads = table.querySelectorAll("thead th");
  var body = table.tBodies[0];
  function key(row, col, numeric) {
    var value = row.cells[col].getAttribute("data-value") || "";
    return numeric ? parseFloat(value) || 0 : value.toLowerCase();
  }
  function sort(col, numeric) {
    var th = heads[col];
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    if (!th.hasAttribute("aria-sort") && numeric) { dir = "descending"; }
    var sign = dir === "ascending" ? 1 : -1;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, col, numeric), y = key(b, col, numeric);
      if (x < y) { return -sign; }
      if (x > y) { return sign; }
      return key(a, 0, true) - key(b, 0, true);
    });
    for (var i = 0; i < heads.length; i++) { heads[i].removeAttribute("aria-sort"); }
    th.setAttribute("aria-sort", dir);
    for (var j = 0; j < rows.length; j++) { body.appendChild(rows[j]); }
  }
  Array.prototype.forEach.call(heads, function (th, col) {
    var button = th.querySelector("button");
    if (button) {
      button.addEventListener("click", function () { sort(col, button.getAttribute("data-type") === "number"); });
    }
  });
})();
