// Small conveniences, no framework: keyboard moves through results, zoom on the scanned page.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
    var box = document.getElementById("q");
    if (event.key === "/" && !typing && box) { event.preventDefault(); box.focus(); box.select(); return; }
    var rows = Array.prototype.slice.call(document.querySelectorAll("#results tbody tr[data-record]"));
    if (!rows.length) { return; }
    var at = rows.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || (event.key === "j" && !typing)) {
      event.preventDefault(); rows[Math.min(rows.length - 1, at + 1)].focus();
    } else if ((event.key === "ArrowUp" || (event.key === "k" && !typing)) && at >= 0) {
      event.preventDefault(); (at === 0 && box ? box : rows[at - 1]).focus();
    } else if (event.key === "Enter" && at >= 0) {
      var link = rows[at].querySelector("a"); if (link) { link.click(); }
    }
  });
  document.querySelectorAll("#results tbody tr[data-record]").forEach(function (row) {
    row.addEventListener("click", function (event) {
      if (event.target.tagName !== "A") { var link = row.querySelector("a"); if (link) { link.click(); } }
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // Review: the box of the field being edited, on the page beside the form.
  document.querySelectorAll("input[data-box]").forEach(function (input) {
    input.addEventListener("focus", function () {
      var mark = document.getElementById("field-box");
      if (!mark) { return; }
      var box = input.getAttribute("data-box").split(",");
      mark.style.left = box[0] + "%"; mark.style.top = box[1] + "%";
      mark.style.width = box[2] + "%"; mark.style.height = box[3] + "%";
      mark.hidden = false;
    });
  });
  document.querySelectorAll("[data-zoom-target]").forEach(function (tools) {
    var view = document.getElementById(tools.getAttribute("data-zoom-target"));
    var scan = view && view.querySelector(".scan");
    if (!scan) { return; }
    var level = 1;
    function entry() {
      var mark = scan.querySelector(".highlight");
      if (mark) { view.scrollTo({ left: mark.offsetLeft - 40, top: mark.offsetTop - 40, behavior: "smooth" }); }
    }
    function apply(next) { level = Math.max(1, Math.min(6, next)); scan.style.width = (100 * level) + "%"; }
    tools.addEventListener("click", function (event) {
      var how = event.target.getAttribute("data-zoom");
      if (how === "in") { apply(level * 1.5); entry(); }
      else if (how === "out") { apply(level / 1.5); }
      else if (how === "fit") { apply(1); view.scrollTo(0, 0); }
      else if (how === "entry") { apply(Math.max(level, 2.25)); entry(); }
    });
    var image = scan.querySelector("img");
    if (image) { image.addEventListener("dblclick", function () { apply(level * 1.5); }); }
  });
}());
